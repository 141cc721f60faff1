using Microsoft.Extensions.Options;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Runs;

/// <summary>
/// Every third of <see cref="IngestionOptions.RunLease"/>: renews the leases of the runs this process holds, then claims
/// runs queued or fetching that have no worker (never claimed, or their lease ran out: a process that died, a failure
/// that could not be recorded, a run dropped from memory) and queues them, so they resume after their last committed
/// page without a restart. The first sweep at start-up takes up what a previous process left. On stopping, the leases
/// of the runs still held are given up, so a restarted or another ingestor takes them up at once.
/// </summary>
public sealed class RunSweeper(
    RunLedger ledger,
    RunQueue queue,
    LedgerReadiness readiness,
    LedgerRetry retry,
    IOptions<IngestionOptions> options,
    ILogger<RunSweeper> logger) : BackgroundService
{
    /// <summary>Runs claimed per sweep at most.</summary>
    public const int ClaimLimit = 100;

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(Math.Max(100, options.Value.RunLease.TotalMilliseconds / 3));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    if (await retry.RecoverAsync(e, stoppingToken) == PostgresErrorKind.Permanent)
                        throw;
                    logger.LogWarning("Run sweep failed ({Error}); trying again in {Interval}", e.Message, Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep: renew, then claim and queue the runs without a worker; returns how many were claimed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await ledger.RenewLeasesAsync(queue.Held, cancellationToken);
        var claimed = await ledger.ClaimAbandonedAsync(queue.Held, ClaimLimit, cancellationToken);
        foreach (var run in claimed)
        {
            if (!queue.Enqueue(new RunRequest(run, default)))
                continue;
            if (run.Attempt > 1 && run.Status == RunStatus.Queued && run.StartedAt is not null)
                logger.LogInformation("Retrying run {RunId}: attempt {Attempt}, after page {Page} (last error: {Error})", run.Id, run.Attempt, run.PagesFetched, run.Error);
            else
                logger.LogInformation("Taking up run {RunId}, left {Status} with no worker after page {Page}", run.Id, run.Status, run.PagesFetched);
        }
        return claimed.Count;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await ledger.ReleaseLeasesAsync(queue.Held, timeout.Token);
        }
        catch (Exception e)
        {
            // Their leases run out on their own; a later sweep takes the runs up then.
            logger.LogWarning("Could not give up the leases of the runs still held ({Error})", e.Message);
        }
    }
}
