using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Scheduling;

/// <summary>
/// Starts a run every interval. The last firing time lives in PostgreSQL and a firing is claimed with
/// a conditional update, so several ingestor instances (or a restarted one) never fire the same slot twice.
/// Each scheduled run gets a fresh seed, kept in the ledger so the run can be replayed exactly. A slot that finds
/// <see cref="IngestionOptions.MaxQueuedRuns"/> runs already queued or fetching creates none: it is skipped, logged
/// and counted (<c>ingest.schedule.skipped</c>), so a stalled source or a slow ingestor never piles runs up.
/// </summary>
public sealed class IngestionScheduler(
    NpgsqlDataSource dataSource,
    RunLedger ledger,
    RunQueue queue,
    LedgerReadiness readiness,
    LedgerRetry retry,
    IngestorMetrics metrics,
    IOptions<ScheduleOptions> options,
    IOptions<IngestionOptions> ingestionOptions,
    ILogger<IngestionScheduler> logger) : BackgroundService
{
    private const string ScheduleName = "interval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value;
        if (!schedule.Enabled)
        {
            logger.LogInformation("Scheduled ingestion is off (Ingestion:Schedule:Enabled=false); runs start only through POST /runs");
            return;
        }
        logger.LogInformation("Scheduled ingestion: {Users} users every {Interval}", schedule.UsersPerRun, schedule.Interval);
        await readiness.Ready.WaitAsync(stoppingToken);

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, schedule.Interval.TotalMilliseconds / 5)));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TryClaimSlotAsync(schedule.Interval, stoppingToken))
                    await StartRunAsync(schedule, stoppingToken);
                await timer.WaitForNextTickAsync(stoppingToken);
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
                await Task.Delay(schedule.Interval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
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

    private async Task<bool> TryClaimSlotAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ingest.schedule_state (name, last_fired_at) VALUES (@name, now())
            ON CONFLICT (name) DO UPDATE SET last_fired_at = now()
            WHERE ingest.schedule_state.last_fired_at <= now() - @interval
            RETURNING last_fired_at
            """);
        command.Parameters.AddWithValue("name", ScheduleName);
        command.Parameters.AddWithValue("interval", interval);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
