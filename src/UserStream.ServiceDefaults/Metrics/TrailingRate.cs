namespace UserStream.ServiceDefaults.Metrics;

/// <summary>
/// A per-second rate over the last <see cref="WindowSeconds"/> whole seconds, for a gauge beside a counter: the
/// dashboard's Metrics page plots a counter as its running total, and "messages per second" is what an operator
/// watches. Reading the rate changes nothing, so any number of exporters may observe it.
/// </summary>
public sealed class TrailingRate(TimeProvider? time = null)
{
    public const int WindowSeconds = 10;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    // One slot per second of a ring: the second it counts (Unix seconds) and how many were added in it.
    private readonly long[] _seconds = new long[WindowSeconds + 1];
    private readonly long[] _counts = new long[WindowSeconds + 1];
    private readonly Lock _lock = new();

    public void Add(long count)
    {
        if (count <= 0)
            return;
        var now = Now();
        var slot = (int)(now % _seconds.Length);
        lock (_lock)
        {
            if (_seconds[slot] != now)
            {
                _seconds[slot] = now;
                _counts[slot] = 0;
            }
            _counts[slot] += count;
        }
    }

    /// <summary>What was added per second, on average, over the last <see cref="WindowSeconds"/> complete seconds.</summary>
    public double PerSecond()
    {
        var now = Now();
        long sum = 0;
        lock (_lock)
        {
            for (var i = 0; i < _seconds.Length; i++)
            {
                // The current second is still filling; it is left out so the rate does not dip at each second's start.
                if (_seconds[i] < now && _seconds[i] >= now - WindowSeconds)
                    sum += _counts[i];
            }
        }
        return sum / (double)WindowSeconds;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();
}
