using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// Deletes outbox rows the broker acknowledged longer ago than the retention period, so the ledger does
/// not grow with every user ever ingested; rows the broker refused for good likewise, counted from when they failed.
/// Rows not yet published are kept however old they are.
/// Several ingestors may run it at once: a row deleted twice is simply gone.
/// </summary>
public sealed class OutboxCleaner(
    NpgsqlDataSource dataSource,
    LedgerReadiness readiness,
    LedgerRetry retry,
    IOptions<OutboxRetentionOptions> options,
    ILogger<OutboxCleaner> logger) : BackgroundService
{
    private readonly OutboxRetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _options.CleanupInterval > TimeSpan.Zero ? _options.CleanupInterval : TimeSpan.FromMinutes(1);
        try
        {
            await readiness.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(interval);
            do
            {
                try
                {
                    var deleted = await DeleteExpiredAsync(stoppingToken);
                    if (deleted > 0)
                        logger.LogInformation("Deleted {Count} outbox rows published more than {Retention} ago", deleted, _options.Retention);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (await retry.RecoverAsync(e, stoppingToken) == PostgresErrorKind.Permanent)
                        throw;
                    logger.LogWarning("Outbox clean-up failed ({Error}); trying again in {Interval}", e.Message, interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Deletes every row published, or failed (refused by the broker for good), before now minus the retention period;
    /// returns how many. The runs keep their counts and reasons.
    /// </summary>
    public async Task<long> DeleteExpiredAsync(CancellationToken cancellationToken) =>
        await DeleteExpiredAsync(failed: false, cancellationToken) + await DeleteExpiredAsync(failed: true, cancellationToken);

    private async Task<long> DeleteExpiredAsync(bool failed, CancellationToken cancellationToken)
    {
        var outbox = new OutboxStore(dataSource);
        var batch = Math.Max(1, _options.DeleteBatchSize);
        long total = 0;
        int deleted;
        do
        {
            deleted = await outbox.DeleteEndedAsync(failed, _options.Retention, batch, cancellationToken);
            total += deleted;
        }
        while (deleted >= batch);
        return total;
    }
}
