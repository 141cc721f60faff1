namespace UserStream.Benchmarks;

/// <summary>The burst's figures: users/s from the first POST /runs to the last user visible in the store, and latency.</summary>
public sealed record BurstResult(int Users, long Stored, double UsersPerSecond, double P50Ms, double P99Ms, IReadOnlyList<Guid> RunIds, DateTime StartedAt);

/// <summary>Posts --users users in runs of --run-size as fast as POST /runs takes them, then waits until all are visible.</summary>
public static class BurstPhase
{
    public static async Task<BurstResult> RunAsync(BenchmarkOptions options, HttpClient ingestor, LatencyQuery query, string seedPrefix)
    {
        var runs = new RunPoster(ingestor, $"{seedPrefix}-b");
        var progress = new ProgressLine("burst");
        var startedAt = DateTime.UtcNow;
        for (var posted = 0; posted < options.Users; posted += options.RunSize)
            await runs.PostAsync(Math.Min(options.RunSize, options.Users - posted));
        progress.Print($"{runs.RunIds.Count} runs posted");

        var stored = await PhaseDrain.WaitAsync(query, runs, progress, startedAt, TimeSpan.FromMinutes(10));
        var (p50, p99, lastStoredAt) = await query.LatencyAsync(runs.RunIds);
        var seconds = (lastStoredAt - startedAt).TotalSeconds;
        progress.Print($"{stored:N0} users visible in {seconds:F1} s");
        return new BurstResult(options.Users, stored, stored / seconds, p50, p99, runs.RunIds, startedAt);
    }
}
