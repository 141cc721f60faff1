using System.Diagnostics;

namespace UserStream.Cql.Benchmarks;

/// <summary>Runs an operation from a fixed number of concurrent workers for a while and counts completions.</summary>
internal static class ThroughputRun
{
    public static async Task<ThroughputResult> MeasureAsync(Func<int, Task> operation, int inFlight, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = new long[inFlight];
        var workers = Enumerable.Range(0, inFlight).Select(async worker =>
        {
            // Each worker keeps exactly one request outstanding, so inFlight is the concurrency.
            var n = 0;
            while (stopwatch.Elapsed < duration)
            {
                await operation(worker * 1_000_000 + n++);
                counts[worker]++;
            }
        });
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        var total = counts.Sum();
        return new ThroughputResult(total / elapsed.TotalSeconds, TimeSpan.FromTicks(elapsed.Ticks * inFlight / Math.Max(total, 1)));
    }
}

internal sealed record ThroughputResult(double OperationsPerSecond, TimeSpan MeanLatency);
