namespace UserStream.Benchmarks;

/// <summary>The burst's figures: users/s from the first POST /runs to the commit of the last user's store write, and latencies.</summary>
public sealed record BurstResult(int Users, long Stored, double UsersPerSecond, PhaseLatency Latency, IReadOnlyList<Guid> RunIds, DateTime StartedAt);

/// <summary>Posts --users users in runs of --run-size as fast as POST /runs takes them, then waits until all are visible.</summary>
public static class BurstPhase
{
    public static Task<BurstResult> RunAsync(BenchmarkOptions options, HttpClient ingestor, LatencyQuery query, string seedPrefix) =>
        RunAsync("burst", options.Users, options.RunSize, ingestor, query, $"{seedPrefix}-b");

    /// <summary>
    /// A burst of <see cref="BenchmarkOptions.WarmupUsers"/> whose figures are thrown away: every service has jitted and
    /// tiered up its hot paths and filled its pools before the measured phases (a fresh service spends seconds of CPU in
    /// the JIT under load: measured at about a third of the machine during a burst right after start).
    /// </summary>
    public static async Task WarmUpAsync(BenchmarkOptions options, HttpClient ingestor, LatencyQuery query, string seedPrefix)
    {
        if (options.WarmupUsers > 0)
            await RunAsync("warm-up", options.WarmupUsers, options.RunSize, ingestor, query, $"{seedPrefix}-w");
    }

    private static async Task<BurstResult> RunAsync(string phase, int users, int runSize, HttpClient ingestor, LatencyQuery query, string seed)
    {
        var runs = new RunPoster(ingestor, seed);
        var progress = new ProgressLine(phase);
        var startedAt = DateTime.UtcNow;
        for (var posted = 0; posted < users; posted += runSize)
            await runs.PostAsync(Math.Min(runSize, users - posted));
        progress.Print($"{runs.RunIds.Count} runs posted" +
            (runs.Throttled > 0 ? $" (the ingestor's run queue was full {runs.Throttled} time(s): 429, waited its Retry-After)" : ""));

        var stored = await PhaseDrain.WaitAsync(query, runs, progress, startedAt, TimeSpan.FromMinutes(10));
        var latency = await query.LatencyAsync(runs.RunIds);
        var seconds = (latency.LastVisibleAt - startedAt).TotalSeconds;
        progress.Print($"{stored:N0} users visible in {seconds:F1} s");
        return new BurstResult(users, stored, stored / seconds, latency, runs.RunIds, startedAt);
    }
}
