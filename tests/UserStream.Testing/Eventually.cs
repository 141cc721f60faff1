namespace UserStream.Testing;

/// <summary>Polls a condition until it holds or a generous deadline passes (for asynchronous pipelines, not for timing).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        T last;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await probe();
                if (done(last))
                    return last;
            }
            catch (Exception e)
            {
                last = default!;
                lastError = e;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Timed out waiting for {what ?? "condition"}; last value: {last}; last error: {lastError?.Message}", lastError);
    }
}
