using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using UserStream.Source.Generation;

namespace UserStream.Source.Faults;

/// <summary>
/// Decides which requests answer 503. The decision hashes the seed, the page and how many times this
/// process has been asked for that page, so a run is reproducible and a retry can succeed.
/// </summary>
public sealed class FailureInjector(IOptions<SourceOptions> options)
{
    private const int MaxTrackedPages = 10_000;
    private readonly ConcurrentDictionary<(string Seed, int Page), int> _attempts = new();

    public bool ShouldFail(string seed, int page)
    {
        var rate = options.Value.FailureRate;
        if (rate <= 0)
            return false;
        // Forgetting old pages only makes their next attempt count as a first one; memory stays bounded.
        if (_attempts.Count > MaxTrackedPages)
            _attempts.Clear();
        var attempt = _attempts.AddOrUpdate((seed, page), 0, (_, previous) => previous + 1);
        return StableHash.Fraction(StableHash.Of("failure", seed, page, attempt)) < rate;
    }
}
