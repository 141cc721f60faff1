using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Contracts.Messages;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;
using UserStream.Kafka;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// Publishes outbox rows to Kafka in id order. Rows are claimed with FOR UPDATE SKIP LOCKED (so several
/// ingestors never publish the same row at once) and marked published, with their runs' counts, only
/// after the broker's delivery report. A relay stopped mid-batch leaves the rest unpublished for the
/// next attempt: messages may be sent twice, never lost; the processor's upsert by id absorbs repeats.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IProducer<string, byte[]> producer,
    OutboxSignal signal,
    LedgerReadiness readiness,
    IngestorMetrics metrics,
    IOptions<OutboxRelayOptions> relayOptions,
    IOptions<IngestionOptions> ingestionOptions,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly byte[] ContentTypeHeader = Encoding.UTF8.GetBytes(MessageSchema.JsonContentType);
    private static readonly byte[] SchemaHeader = Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1);
    private readonly OutboxRelayOptions _options = relayOptions.Value;
    private readonly string _topic = ingestionOptions.Value.Topic;
    private DateTime _backlogRefreshedAt = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.Ready.WaitAsync(stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                failures = 0;
                if (published == 0 || DateTime.UtcNow - _backlogRefreshedAt > TimeSpan.FromSeconds(1))
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
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, Math.Min(failures, 8)), 15_000));
                logger.LogError("Outbox relay failed ({Error}); retrying in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Publishes one batch; returns how many rows were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await ClaimAsync(connection, transaction, cancellationToken);
        if (rows.Count == 0)
            return 0;

        var delivered = await ProduceAsync(rows, cancellationToken);
        var completedRuns = delivered.Count > 0 ? await MarkPublishedAsync(connection, transaction, delivered, cancellationToken) : 0;
        await transaction.CommitAsync(cancellationToken);
        metrics.Published(delivered.Count);
        metrics.RunFinished(RunStatus.Completed, completedRuns);

        if (delivered.Count < rows.Count)
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut,
                $"{rows.Count - delivered.Count} of {rows.Count} outbox messages were not acknowledged by Kafka; they stay in the outbox"));
        return delivered.Count;
    }

    private async Task<List<OutboxRow>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, run_id, message_key, payload, traceparent, tracestate FROM ingest.outbox
            WHERE published_at IS NULL ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", _options.BatchSize);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), (byte[])reader[3],
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return rows;
    }

    private async Task<List<long>> ProduceAsync(List<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var delivered = new List<long>(rows.Count);
        var pending = rows.Count;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? firstError = null;

        // One publish span per run in the batch, child of the run's span: the trace goes on into the processor.
        foreach (var group in rows.GroupBy(r => (r.TraceParent, r.TraceState)))
        {
            ActivityContext.TryParse(group.Key.TraceParent, group.Key.TraceState, isRemote: false, out var parent);
            using var activity = IngestorMetrics.ActivitySource.StartActivity($"{_topic} publish", ActivityKind.Producer, parent);
            activity?.SetTag("messaging.system", "kafka");
            activity?.SetTag("messaging.destination.name", _topic);
            activity?.SetTag("messaging.batch.message_count", group.Count());
            activity?.SetTag("userstream.run.id", group.First().RunId);
            // One set of headers for the group: Produce copies them into the native message at once.
            var headers = new Headers
            {
                { MessageHeaders.ContentType, ContentTypeHeader },
                { MessageHeaders.Schema, SchemaHeader },
            };
            if (activity is not null)
                KafkaTraceContext.Inject(activity, headers);
            else if (group.Key.TraceParent is not null)
                headers.AddString(MessageHeaders.TraceParent, group.Key.TraceParent); // nobody records spans here: pass the run's context on as is
            foreach (var row in group)
            {
                var message = new Message<string, byte[]> { Key = row.Key, Value = row.Payload, Headers = headers };
                producer.Produce(_topic, message, report =>
                {
                    lock (delivered)
                    {
                        if (report.Error.IsError)
                            firstError ??= new KafkaException(report.Error);
                        else
                            delivered.Add(row.Id);
                    }
                    if (Interlocked.Decrement(ref pending) == 0)
                        done.TrySetResult();
                });
            }
        }

        producer.Flush(TimeSpan.Zero);
        try
        {
            await done.Task.WaitAsync(_options.DeliveryTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Kafka acknowledged {Delivered} of {Count} messages within {Timeout}", delivered.Count, rows.Count, _options.DeliveryTimeout);
        }
        if (firstError is not null)
            logger.LogWarning("Kafka rejected outbox messages: {Error}", firstError.Message);
        lock (delivered)
            return [.. delivered];
    }

    /// <summary>Marks rows published and adds them to their runs' counts; returns how many runs this completed.</summary>
    private static async Task<int> MarkPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<long> ids, CancellationToken cancellationToken)
    {
        // A run still fetching is completed later, by the end of its fetch, not here.
        await using var command = new NpgsqlCommand("""
            WITH marked AS (
                UPDATE ingest.outbox SET published_at = now() WHERE id = ANY(@ids) AND published_at IS NULL RETURNING run_id
            ), counts AS (
                SELECT run_id, count(*)::int AS n FROM marked GROUP BY run_id
            ), updated AS (
                UPDATE ingest.runs r SET
                    published = r.published + c.n,
                    status = CASE WHEN r.published + c.n >= r.valid AND r.status = @publishing THEN @completed ELSE r.status END,
                    -- clock_timestamp, not now(): this transaction may have begun before the run's fetch ended
                    finished_at = CASE WHEN r.published + c.n >= r.valid AND r.status = @publishing THEN clock_timestamp() ELSE r.finished_at END
                FROM counts c WHERE r.id = c.run_id
                RETURNING r.status, r.published - c.n < r.valid AS was_short
            )
            SELECT count(*)::int FROM updated WHERE status = @completed AND was_short
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("publishing", RunStatus.Publishing);
        command.Parameters.AddWithValue("completed", RunStatus.Completed);
        return (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
    }

    private async Task RefreshBacklogAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingest.outbox WHERE published_at IS NULL");
        metrics.OutboxBacklog((long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L));
        _backlogRefreshedAt = DateTime.UtcNow;
    }

    private sealed record OutboxRow(long Id, Guid RunId, string Key, byte[] Payload, string? TraceParent, string? TraceState);
}
