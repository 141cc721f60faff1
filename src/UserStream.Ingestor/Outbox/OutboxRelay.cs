using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Confluent.Kafka;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// Publishes outbox rows to Kafka, each lane (<see cref="OutboxRelayOptions.Lanes"/>) its batches in id order; two
/// lanes' batches, like two instances', may reach the broker interleaved. Rows are claimed with FOR UPDATE SKIP LOCKED
/// (so several lanes and ingestors never publish the same row at once) and marked published, with their runs' counts, only
/// after the broker's delivery report. A relay stopped mid-batch leaves the rest unpublished for the
/// next attempt: messages may be sent twice, never lost; the processor's upsert by id absorbs repeats.
/// A row the broker refuses for good (<see cref="KafkaProduceErrors"/>) is marked failed with the error and
/// counted on its run; it is never claimed again, so it cannot hold up the rows behind it.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    RunLedger ledger,
    IProducer<string, byte[]> producer,
    OutboxSignal signal,
    LedgerReadiness readiness,
    LedgerRetry retry,
    IngestorMetrics metrics,
    IOptions<OutboxRelayOptions> relayOptions,
    IOptions<IngestionOptions> ingestionOptions,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly OutboxRelayOptions _options = relayOptions.Value;
    private readonly OutboxDelivery _delivery = new(producer, ingestionOptions.Value.Topic, relayOptions.Value.DeliveryTimeout, logger);
    private DateTime _backlogRefreshedAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        // Lanes: while one lane's batch waits for the broker's acknowledgements, another claims, marks and commits its
        // own (SKIP LOCKED keeps their rows apart, as between ingestor instances). A lane that stops for good stops all.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var lanes = Enumerable.Range(0, Math.Max(1, _options.Lanes)).Select(lane => Task.Run(async () =>
        {
            try
            {
                await RunLaneAsync(lane, stopping.Token);
            }
            catch
            {
                await stopping.CancelAsync();
                throw;
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(lanes);
    }

    private async Task RunLaneAsync(int lane, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                failures = 0;
                // A full batch: more may be waiting, so an idle lane is woken to take the next batch beside this one.
                if (published >= _options.BatchSize)
                    signal.Notify();
                // At most once a second, by one lane: an idle relay wakes on every page written, and a count at each
                // wake showed in the database's profile under a steady trickle of small runs.
                if (lane == 0 && DateTime.UtcNow - _backlogRefreshedAt > TimeSpan.FromSeconds(1))
                    await RefreshBacklogAsync(stoppingToken);
                if (published == 0)
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (!await IsWorthRetryingAsync(e, stoppingToken))
                    throw;
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, Math.Min(failures, 8)), 15_000));
                logger.LogError("Outbox relay failed ({Error}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Broker errors are retried (the rows wait in the outbox), except a fatal producer error: a fatal producer can send
    /// nothing again, so the relay ends and with it the process, to be restarted with a new producer. PostgreSQL errors
    /// are retried when <see cref="PostgresErrors"/> calls them transient (a missing schema is created again first).
    /// </summary>
    private async Task<bool> IsWorthRetryingAsync(Exception e, CancellationToken stoppingToken)
    {
        if (e is KafkaException kafka)
        {
            if (!kafka.Error.IsFatal && kafka.Error.Code != ErrorCode.Local_Fatal)
                return true;
            logger.LogCritical("The Kafka producer failed fatally ({Error}); the relay stops", kafka.Message);
            return false;
        }
        if (await retry.RecoverAsync(e, stoppingToken) != PostgresErrorKind.Permanent)
            return true;
        logger.LogCritical(e, "The outbox relay hit an error that retrying cannot fix; it stops");
        return false;
    }

    /// <summary>
    /// Publishes one batch; returns how many of its rows ended (published, or failed because the broker refused them
    /// for good). Rows that neither the broker acknowledged nor refused for good stay in the outbox, and the batch then
    /// ends with a <see cref="KafkaException"/> so that the caller backs off.
    /// </summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await OutboxStore.ClaimAsync(connection, transaction, _options.BatchSize, cancellationToken);
        if (rows.Count == 0)
            return 0;

        var outcome = await _delivery.SendAsync(rows, cancellationToken);
        foreach (var (row, error) in outcome.Refused)
            logger.LogError("Kafka refused outbox row {RowId} of run {RunId} (key {Key}, {Bytes} bytes) for good: {Error}; it is marked failed and the relay goes on",
                row.Id, row.RunId, row.Key, row.Payload.Length, KafkaProduceErrors.Describe(error));
        var published = await OutboxStore.MarkPublishedAsync(connection, transaction, outcome.Delivered, cancellationToken);
        var failed = await OutboxStore.MarkFailedAsync(connection, transaction,
            [.. outcome.Refused.Select(r => (r.Row.Id, KafkaProduceErrors.Describe(r.Error), KafkaProduceErrors.ReasonKey(r.Error)))], cancellationToken);
        await ledger.CommitPublicationAsync(transaction, published, failed, cancellationToken);
        metrics.Published(outcome.Delivered.Count);
        metrics.PublishFailed(outcome.Refused.Count);

        if (outcome.Unacknowledged > 0)
            throw new KafkaException(outcome.TransientError is { } error
                ? new Error(error.Code, $"{outcome.Unacknowledged} of {rows.Count} outbox messages were not published ({error.Reason}); they stay in the outbox")
                : new Error(ErrorCode.Local_MsgTimedOut,
                    $"{outcome.Unacknowledged} of {rows.Count} outbox messages were not acknowledged by Kafka; they stay in the outbox"));
        return outcome.Delivered.Count + outcome.Refused.Count;
    }

    private async Task RefreshBacklogAsync(CancellationToken cancellationToken)
    {
        metrics.OutboxBacklog(await new OutboxStore(dataSource).CountPendingAsync(cancellationToken));
        _backlogRefreshedAt = DateTime.UtcNow;
    }
}
