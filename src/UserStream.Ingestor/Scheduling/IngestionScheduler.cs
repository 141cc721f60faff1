using Microsoft.Extensions.Options;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Scheduling;

/// <summary>
/// Starts a run every interval, or at each slot of a cron expression (<see cref="ScheduleOptions.Cron"/>). The last firing time lives in PostgreSQL and a firing is claimed with
/// a conditional update, so several ingestor instances (or a restarted one) never fire the same slot twice.
/// Each scheduled run gets a fresh seed, kept in the ledger so the run can be replayed exactly. A slot that finds
/// <see cref="IngestionOptions.MaxQueuedRuns"/> runs already queued or fetching creates none: it is skipped, logged
/// and counted (<c>ingest.schedule.skipped</c>), so a stalled source or a slow ingestor never piles runs up.
/// A cron slot is fired by moving the schedule's last fired slot forward and creating its run in one transaction
/// (<see cref="RunLedger.TryFireScheduleAsync"/>): whichever ingestor moves it first fires it, and a process killed in
/// between fires nothing, so the slot is fired by the next tick of any ingestor. Slots missed while no ingestor ran are
/// skipped beyond <see cref="ScheduleOptions.MaxCatchUpRuns"/>; the slot due now always runs.
/// </summary>
public sealed class IngestionScheduler(
    ScheduleState state,
    RunLedger ledger,
    RunQueue queue,
    LedgerReadiness readiness,
    LedgerRetry retry,
    IngestorMetrics metrics,
    IOptions<ScheduleOptions> options,
    IOptions<IngestionOptions> ingestionOptions,
    ILogger<IngestionScheduler> logger) : BackgroundService
{
    /// <summary>Longest wait between two looks at a cron schedule, so a slot another ingestor fired is seen soon.</summary>
    private static readonly TimeSpan CronPollLimit = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value;
        if (!schedule.Enabled)
        {
            logger.LogInformation("Scheduled ingestion is off (Ingestion:Schedule:Enabled=false); runs start only through POST /runs");
            return;
        }
        await readiness.Ready.WaitAsync(stoppingToken);
        if (!string.IsNullOrWhiteSpace(schedule.Cron))
        {
            var cron = CronSchedule.Parse(schedule.Cron, schedule.TimeZone);
            logger.LogInformation("Scheduled ingestion: {Users} users at '{Cron}' ({TimeZone}); missed slots caught up: {CatchUp}",
                schedule.UsersPerRun, cron.Text, cron.Zone.Id, schedule.MaxCatchUpRuns);
            var runningSince = DateTimeOffset.UtcNow;
            await LoopAsync(cancellationToken => CronLookAsync(schedule, cron, runningSince, cancellationToken), CronPollLimit, stoppingToken);
            return;
        }
        logger.LogInformation("Scheduled ingestion: {Users} users every {Interval}", schedule.UsersPerRun, schedule.Interval);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, schedule.Interval.TotalMilliseconds / 5)));
        await LoopAsync(async cancellationToken =>
        {
            if (await state.TryClaimIntervalSlotAsync(schedule.Interval, cancellationToken))
                await StartRunAsync(schedule, cancellationToken);
            await timer.WaitForNextTickAsync(cancellationToken);
        }, schedule.Interval, stoppingToken);
    }

    /// <summary>Runs <paramref name="tick"/> until the service stops, waiting out PostgreSQL errors that pass; a permanent one ends the service.</summary>
    private async Task LoopAsync(Func<CancellationToken, Task> tick, TimeSpan afterError, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tick(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (await retry.RecoverAsync(e, stoppingToken) == PostgresErrorKind.Permanent)
                    throw;
                logger.LogWarning("Scheduler could not start a run: {Error}", e.Message);
                await Task.Delay(afterError, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>One look at the cron schedule: fires the due slots, or waits for the next one (at most <see cref="CronPollLimit"/>).</summary>
    private async Task CronLookAsync(ScheduleOptions schedule, CronSchedule cron, DateTimeOffset runningSince, CancellationToken cancellationToken)
    {
        var (lastFired, paused) = await state.ReadCronAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        if (paused)
        {
            await Task.Delay(CronPollLimit, cancellationToken);
            return;
        }
        var due = cron.Due(lastFired, now, runningSince, schedule.MaxCatchUpRuns);
        if (due.Count > 0)
        {
            await FireAsync(schedule, lastFired, due, Math.Max(1, ingestionOptions.Value.MaxQueuedRuns), cancellationToken);
            return;
        }
        var next = cron.Next(now > lastFired ? now : lastFired);
        var wait = next is null ? CronPollLimit : next.Value - DateTimeOffset.UtcNow;
        await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > CronPollLimit ? CronPollLimit : wait, cancellationToken);
    }

    private async Task FireAsync(ScheduleOptions schedule, DateTimeOffset lastFired, DueSlots due, int maxQueued, CancellationToken cancellationToken)
    {
        // The newest due slot always runs, so the last one to run is the one the schedule moves to.
        var fired = await ledger.TryFireScheduleAsync(lastFired, due.Run[^1], due.Run,
            schedule.UsersPerRun, maxQueued, cancellationToken);
        if (fired is null)
            return; // another ingestor fired these slots, or the schedule was paused meanwhile
        if (due.Skipped > 0)
        {
            metrics.ScheduleSkipped(due.Skipped);
            logger.LogWarning("{Skipped} cron slots from {From:O} were missed while no ingestor ran and are skipped (Ingestion:Schedule:MaxCatchUpRuns={CatchUp})",
                due.Skipped, lastFired, schedule.MaxCatchUpRuns);
        }
        if (fired.QueueFull > 0)
        {
            metrics.ScheduleSkipped(fired.QueueFull);
            logger.LogWarning("Schedule tick skipped: {Max} runs are already queued or fetching (Ingestion:MaxQueuedRuns)", maxQueued);
        }
        foreach (var run in fired.Created)
        {
            logger.LogInformation("Cron slot {Slot:O} fired: run {RunId}", run.ScheduledFor, run.Id);
            queue.Enqueue(new RunRequest(run, default));
        }
    }

    private async Task StartRunAsync(ScheduleOptions schedule, CancellationToken cancellationToken)
    {
        var maxQueued = Math.Max(1, ingestionOptions.Value.MaxQueuedRuns);
        var run = await ledger.TryCreateAsync(RunTrigger.Schedule, schedule.UsersPerRun, RunSeeds.NewSeed(), maxQueued, cancellationToken);
        if (run is null)
        {
            metrics.ScheduleSkipped();
            logger.LogWarning("Schedule tick skipped: {Max} runs are already queued or fetching (Ingestion:MaxQueuedRuns)", maxQueued);
            return;
        }
        queue.Enqueue(new RunRequest(run, default));
    }
}
