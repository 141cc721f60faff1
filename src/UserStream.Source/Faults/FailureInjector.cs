using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using UserStream.Source.Generation;

namespace UserStream.Source.Faults;

/// <summary>
/// Decides which requests fail (answer <c>Source:FailureStatus</c>) or are slow (answer after <c>Source:SlowDelay</c>).
/// The decision hashes the seed, the page and how many times this process has been asked for that page, so a
/// run is reproducible and a retry can succeed.
/// </summary>
public sealed class FailureInjector(IOptions<SourceOptions> options)
{
    private const int MaxTrackedPages = 10_000;
    private readonly ConcurrentDictionary<(string Seed, int Page), int> _attempts = new();

    public InjectedFault Decide(string seed, int page)
    {
        var settings = options.Value;
        if (settings.FailureRate <= 0 && settings.SlowRate <= 0)
            return InjectedFault.None;
        // Forgetting old pages only makes their next attempt count as a first one; memory stays bounded.
        if (_attempts.Count > MaxTrackedPages)
            _attempts.Clear();
        var attempt = _attempts.AddOrUpdate((seed, page), 0, (_, previous) => previous + 1);
        if (StableHash.Fraction(StableHash.Of("failure", seed, page, attempt)) < settings.FailureRate)
            return InjectedFault.Fail;
        if (StableHash.Fraction(StableHash.Of("slow", seed, page, attempt)) < settings.SlowRate)
            return InjectedFault.Slow;
        return InjectedFault.None;
    }

    /// <summary>How many requests for this seed and page were decided while injection is on (0 when it is off).</summary>
    public int Attempts(string seed, int page) => _attempts.TryGetValue((seed, page), out var last) ? last + 1 : 0;
}
