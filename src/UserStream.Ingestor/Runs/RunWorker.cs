using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Runs;

/// <summary>
/// Creates the ledger schema at start, takes up runs a previous process left queued or fetching (each
/// resumes after its last committed page), then executes queued runs (a few at a time).
/// </summary>
public sealed class RunWorker(
    NpgsqlDataSource dataSource,
    RunLedger ledger,
    RunQueue queue,
    IngestionRunner runner,
    LedgerReadiness readiness,
    IngestorMetrics metrics,
    IOptions<IngestionOptions> options,
    ILogger<RunWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var run in await PrepareLedgerAsync(stoppingToken))
        {
            logger.LogInformation("Resuming run {RunId} left {Status} by a previous process after page {Page}", run.Id, run.Status, run.PagesFetched);
            queue.Enqueue(new RunRequest(run, default));
        }

        try
        {
            await Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ConcurrentRuns), CancellationToken = stoppingToken },
                ExecuteOneAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: runs not finished stay queued/fetching in the ledger and are resumed at the next start.
        }
    }

    private async ValueTask ExecuteOneAsync(RunRequest request, CancellationToken token)
    {
        try
        {
            await runner.ExecuteAsync(request, token);
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            logger.LogError(e, "Run {RunId} failed unexpectedly", request.Run.Id);
            try
            {
                await ledger.FailAsync(request.Run.Id, $"unexpected error: {e.Message}", CancellationToken.None);
                metrics.RunFinished(RunStatus.Failed);
            }
            catch (Exception recordError)
            {
                // The ledger itself is unreachable: the run keeps its last status and is resumed at the next start.
                logger.LogError(recordError, "Could not record the failure of run {RunId}", request.Run.Id);
            }
        }
    }

    /// <summary>
    /// Creates the schema and lists the runs to resume, then opens the ledger to new runs: listing first,
    /// so a run accepted right after the start is not queued twice.
    /// </summary>
    private async Task<IReadOnlyList<IngestionRun>> PrepareLedgerAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await IngestLedgerSchema.EnsureAsync(dataSource, stoppingToken);
                var unfinished = await ledger.ListUnfinishedFetchesAsync(stoppingToken);
                readiness.MarkReady();
                logger.LogInformation("Ingestion ledger ready");
                return unfinished;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                readiness.MarkNotReady(e.Message);
                logger.LogWarning("Ledger database not ready ({Error}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
