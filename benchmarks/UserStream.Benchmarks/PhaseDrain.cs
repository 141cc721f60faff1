namespace UserStream.Benchmarks;

/// <summary>Waits until every user of a phase's runs is visible in the store, printing progress.</summary>
public static class PhaseDrain
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns the number of users stored once every run has settled and all its valid users are visible.</summary>
    public static async Task<long> WaitAsync(LatencyQuery query, RunPoster runs, ProgressLine progress, DateTime startedAt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (settled, valid, failed) = await query.RunsAsync(runs.RunIds);
            var visible = await query.VisibleAsync(runs.RunIds);
            if (settled && visible >= valid)
            {
                if (visible == 0)
                    throw new InvalidOperationException($"none of the {runs.RunIds.Count} runs stored a user ({failed} failed; see GET /runs on the ingestor)");
                if (failed > 0)
                    Console.WriteLine($"  warning: {failed} of {runs.RunIds.Count} runs failed (see GET /runs); their users are not counted");
                return visible;
            }
            if (progress.Due)
                progress.Print($"{visible,9:N0} / {runs.UsersPosted:N0} users visible, {visible / (DateTime.UtcNow - startedAt).TotalSeconds,7:N0} users/s so far");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"only {visible:N0} of {runs.UsersPosted:N0} users were visible within {timeout.TotalMinutes:N0} minutes");
            await Task.Delay(Poll);
        }
    }
}
