using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Runs;

/// <summary>
/// Creates the ledger schema at start, then executes queued runs (a few at a time). Runs a previous process left
/// queued or fetching are taken up by <see cref="RunSweeper"/>, each after its last committed page.
/// </summary>
public sealed class RunWorker(
    NpgsqlDataSource dataSource,
    RunLedger ledger,
    RunQueue queue,
    IngestionRunner runner,
    LedgerReadiness readiness,
    LedgerRetry retry,
    IOptions<IngestionOptions> options,
    ILogger<RunWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PrepareLedgerAsync(stoppingToken);
        try
        {
            await Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ConcurrentRuns), CancellationToken = stoppingToken },
                ExecuteOneAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: runs not finished stay queued/fetching in the ledger and are taken up again by a sweep.
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
                await retry.ExecuteAsync("recording a run's failure", t => ledger.FailAsync(request.Run.Id, $"unexpected error: {e.Message}", t), token);
            }
            catch (Exception recordError) when (!token.IsCancellationRequested)
            {
                // The ledger itself is unreachable: the run keeps its status, its lease runs out once it is released
                // below, and a sweep takes it up again after its last committed page.
                logger.LogError("Could not record the failure of run {RunId} ({Error}); a sweep will take it up again", request.Run.Id, recordError.Message);
            }
        }
        finally
        {
            // Stopping: the run stays held, so that the sweep gives up its lease and the next process takes it up at once.
            if (!token.IsCancellationRequested)
                queue.Release(request.Run.Id);
        }
    }

    /// <summary>Creates the schema (retrying while PostgreSQL is not there yet), then opens the ledger to runs.</summary>
    private async Task PrepareLedgerAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await IngestLedgerSchema.EnsureAsync(dataSource, stoppingToken);
                readiness.MarkReady();
                logger.LogInformation("Ingestion ledger ready");
                return;
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
