using System.Net.Http.Json;
using System.Text.Json;

namespace UserStream.Benchmarks;

/// <summary>Starts runs with POST /runs on the ingestor and remembers their ids, so each phase measures only its own users.</summary>
public sealed class RunPoster(HttpClient ingestor, string seedPrefix)
{
    private readonly List<Guid> _runIds = [];

    public IReadOnlyList<Guid> RunIds => _runIds;

    public int UsersPosted { get; private set; }

    /// <summary>How often the ingestor answered 429 (its run queue full) and a post waited its Retry-After.</summary>
    public int Throttled { get; private set; }

    public async Task PostAsync(int count, CancellationToken cancellationToken = default)
    {
        var seed = $"{seedPrefix}-{_runIds.Count}";
        var response = await ingestor.PostAsJsonAsync("runs", new { count, seed }, cancellationToken);
        // Backpressure: a full run queue answers 429; a well-behaved client waits as long as it says and asks again.
        while (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            Throttled++;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
            response = await ingestor.PostAsJsonAsync("runs", new { count, seed }, cancellationToken);
        }
        using var _ = response;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"POST /runs {{count: {count}, seed: {seed}}} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        _runIds.Add(body.RootElement.GetProperty("id").GetGuid());
        UsersPosted += count;
    }
}
