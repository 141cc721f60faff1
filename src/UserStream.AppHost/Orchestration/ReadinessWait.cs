namespace UserStream.AppHost.Orchestration;

/// <summary>The result of waiting for a resource: ready, or not within the time, with the last reason.</summary>
public sealed record ReadinessOutcome(bool IsReady, int Attempts, string? LastError);

/// <summary>Polls a probe until it succeeds, the timeout passes, or a give-up condition (the process exited) holds.</summary>
public static class ReadinessWait
{
    public static async Task<ReadinessOutcome> UntilReadyAsync(
        IReadinessProbe probe,
        TimeSpan timeout,
        TimeSpan interval,
        CancellationToken cancellationToken,
        Func<string?>? giveUpReason = null,
        TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var started = time.GetTimestamp();
        var attempts = 0;
        string? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempts++;
            try
            {
                await probe.CheckAsync(cancellationToken);
                return new ReadinessOutcome(true, attempts, null);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = $"{probe.Description}: {e.GetBaseException().Message}";
            }

            if (giveUpReason?.Invoke() is { } reason)
                return new ReadinessOutcome(false, attempts, $"{reason} (last check: {lastError})");
            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                return new ReadinessOutcome(false, attempts, lastError);
            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken);
        }
    }
}
