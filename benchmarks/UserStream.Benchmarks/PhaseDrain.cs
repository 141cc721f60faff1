namespace UserStream.Benchmarks;

/// <summary>Waits until every user of a phase's runs is visible in the store, printing progress.</summary>
public static class PhaseDrain
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Returns the number of users stored once every run has settled and all its valid users are visible. While the
    /// pipeline works it asks only the run ledger (by primary key) and the broker (<see cref="GroupProgress"/>); the
    /// store is counted once the group has nothing left, to confirm.
    /// </summary>
    public static async Task<long> WaitAsync(LatencyQuery query, RunPoster runs, ProgressLine progress, DateTime startedAt, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var (committedAtStart, _) = await query.Group.ReadAsync();
        while (true)
        {
            var (settled, valid, failed) = await query.RunsAsync(runs.RunIds);
            var (committed, lag) = await query.Group.ReadAsync();
            if (settled && lag == 0)
            {
                var visible = await query.VisibleAsync(runs.RunIds);
                if (visible >= valid)
                {
                    if (visible == 0)
                        throw new InvalidOperationException($"none of the {runs.RunIds.Count} runs stored a user ({failed} failed; see GET /runs on the ingestor)");
                    if (failed > 0)
                        Console.WriteLine($"  warning: {failed} of {runs.RunIds.Count} runs failed (see GET /runs); their users are not counted");
                    return visible;
                }
                // Everything consumed, yet users missing: dead-lettered, or a run still publishing its last page. The
                // deadline below ends it if nothing more arrives.
            }
            if (progress.Due)
                progress.Print($"{committed - committedAtStart,9:N0} messages consumed and stored, {lag,9:N0} behind, {(committed - committedAtStart) / (DateTime.UtcNow - startedAt).TotalSeconds,7:N0}/s so far");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the {runs.UsersPosted:N0} users were not all visible within {timeout.TotalMinutes:N0} minutes (store: {await query.VisibleAsync(runs.RunIds):N0})");
            await Task.Delay(Poll);
        }
    }
}
