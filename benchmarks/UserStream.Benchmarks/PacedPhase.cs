namespace UserStream.Benchmarks;

/// <summary>The paced phase's figures: the rate the pipeline delivered while offered --paced-rate, and the latency of those users only.</summary>
public sealed record PacedResult(int Rate, int Seconds, long Stored, double AchievedUsersPerSecond, PhaseLatency Latency);

/// <summary>Offers --paced-rate users/s for --paced-seconds: one small run every tick, on a clock, then waits for the last user.</summary>
public static class PacedPhase
{
    public static async Task<PacedResult> RunAsync(BenchmarkOptions options, HttpClient ingestor, LatencyQuery query, string seedPrefix)
    {
        var runs = new RunPoster(ingestor, $"{seedPrefix}-p");
        var progress = new ProgressLine("paced");
        var ticks = (int)Math.Round(options.PacedSeconds / BenchmarkOptions.PacedTick.TotalSeconds);
        var startedAt = DateTime.UtcNow;
        for (var tick = 0; tick < ticks; tick++)
        {
            // On a clock: a slow POST is caught up at once, so the offered rate stays the one asked for.
            var due = startedAt + tick * BenchmarkOptions.PacedTick;
            if (due > DateTime.UtcNow)
                await Task.Delay(due - DateTime.UtcNow);
            await runs.PostAsync(options.PacedRunSize);
            if (progress.Due)
                progress.Print($"{runs.UsersPosted,9:N0} users offered, {(await query.Group.ReadAsync()).Lag,9:N0} messages behind");
        }
        var offeredSeconds = (DateTime.UtcNow - startedAt).TotalSeconds;
        progress.Print($"{runs.UsersPosted:N0} users offered in {offeredSeconds:F1} s ({runs.UsersPosted / offeredSeconds:N0}/s)" +
            (runs.Throttled > 0 ? $"; the ingestor's run queue was full {runs.Throttled} time(s) (429), each post waited its Retry-After" : ""));

        var stored = await PhaseDrain.WaitAsync(query, runs, progress, startedAt, TimeSpan.FromMinutes(5));
        var latency = await query.LatencyAsync(runs.RunIds);
        var seconds = (latency.LastVisibleAt - startedAt).TotalSeconds;
        return new PacedResult(options.PacedRate, options.PacedSeconds, stored, stored / seconds, latency);
    }
}
