using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// Sends a batch of outbox rows to Kafka and sorts the outcome per row with <see cref="KafkaProduceErrors"/>:
/// acknowledged, refused for good, or left for a later attempt. One row the client or broker refuses never stops
/// the rows behind it: a synchronous refusal (e.g. over <c>message.max.bytes</c>) is recorded for that row and the
/// batch goes on. A row refused with an error the broker may have given its whole batch (size) is sent again alone
/// before it counts as refused.
/// </summary>
public sealed class OutboxDelivery(IProducer<string, byte[]> producer, string topic, TimeSpan deliveryTimeout, ILogger logger)
{
    private static readonly byte[] ContentTypeHeader = Encoding.UTF8.GetBytes(MessageSchema.JsonContentType);
    private static readonly byte[] SchemaHeader = Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1);
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(100);

    public async Task<DeliveryOutcome> SendAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var first = await SendOnceAsync(rows, cancellationToken);
        var delivered = new List<long>(first.Delivered);
        var refused = new List<(OutboxRow Row, Error Error)>();
        var unacknowledged = first.Unacknowledged;
        var transient = first.TransientError;
        foreach (var (row, error) in first.Refused)
        {
            if (!KafkaProduceErrors.IsBatchLevel(error) || rows.Count == 1)
            {
                refused.Add((row, error));
                continue;
            }
            var alone = await SendOnceAsync([row], cancellationToken);
            delivered.AddRange(alone.Delivered);
            refused.AddRange(alone.Refused);
            unacknowledged += alone.Unacknowledged;
            transient ??= alone.TransientError;
        }
        return new DeliveryOutcome(delivered, refused, unacknowledged, transient);
    }

    private async Task<DeliveryOutcome> SendOnceAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var reports = new Error?[rows.Count];
        var refusedNow = new List<(OutboxRow Row, Error Error)>();
        Error? transient = null;
        var pending = 1; // one for the sending loop itself, so the last report cannot complete the batch before every row is sent
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // One publish span per run in the batch, child of the run's span: the trace goes on into the processor.
        foreach (var group in rows.Select((row, i) => (row, i)).GroupBy(r => (r.row.TraceParent, r.row.TraceState)))
        {
            if (transient is not null)
                break;
            using var activity = StartPublishSpan(group.Key.TraceParent, group.Key.TraceState, group.Count(), group.First().row.RunId);
            var headers = Headers(activity, group.Key.TraceParent);
            foreach (var (row, i) in group)
            {
                Interlocked.Increment(ref pending);
                var error = Produce(row, headers, report =>
                {
                    lock (reports)
                        reports[i] = report.Error;
                    if (Interlocked.Decrement(ref pending) == 0)
                        done.TrySetResult();
                }, cancellationToken);
                if (error is null)
                    continue;
                Interlocked.Decrement(ref pending); // refused at once: no report will come for it
                if (KafkaProduceErrors.IsPermanent(error))
                {
                    refusedNow.Add((row, error));
                    continue;
                }
                transient = error; // the client cannot take more now: the rest of the batch waits for the next attempt
                break;
            }
        }
        if (Interlocked.Decrement(ref pending) == 0)
            done.TrySetResult();

        producer.Flush(TimeSpan.Zero);
        try
        {
            await done.Task.WaitAsync(deliveryTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Kafka did not report on every one of {Count} messages within {Timeout}", rows.Count, deliveryTimeout);
        }

        var delivered = new List<long>(rows.Count);
        var refused = new List<(OutboxRow Row, Error Error)>(refusedNow);
        var refusedAtOnce = refusedNow.Select(r => r.Row.Id).ToHashSet();
        var unacknowledged = 0;
        lock (reports)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (refusedAtOnce.Contains(rows[i].Id))
                    continue;
                switch (reports[i])
                {
                    case null:
                        unacknowledged++;
                        break;
                    case { IsError: false }:
                        delivered.Add(rows[i].Id);
                        break;
                    case { } error when KafkaProduceErrors.IsPermanent(error):
                        refused.Add((rows[i], error));
                        break;
                    case { } error:
                        unacknowledged++;
                        transient ??= error;
                        break;
                }
            }
        }
        return new DeliveryOutcome(delivered, refused, unacknowledged, transient);
    }

    /// <summary>Hands one row to the client; the error when the client refused it at once (null: a report will follow).</summary>
    private Error? Produce(OutboxRow row, Headers headers, Action<DeliveryReport<string, byte[]>> report, CancellationToken cancellationToken)
    {
        var message = new Message<string, byte[]> { Key = row.Key, Value = row.Payload, Headers = headers };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, report);
                return null;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull && !cancellationToken.IsCancellationRequested)
            {
                producer.Flush(QueueFullWait); // the client's queue drains as the broker acknowledges; then try this row again
            }
            catch (ProduceException<string, byte[]> e)
            {
                return e.Error;
            }
            catch (KafkaException e)
            {
                return e.Error;
            }
        }
    }

    private Activity? StartPublishSpan(string? traceParent, string? traceState, int count, Guid runId)
    {
        ActivityContext.TryParse(traceParent, traceState, isRemote: false, out var parent);
        var activity = IngestorMetrics.ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.batch.message_count", count);
        activity?.SetTag("userstream.run.id", runId);
        return activity;
    }

    /// <summary>One set of headers for a group of rows: Produce copies them into the native message at once.</summary>
    private static Headers Headers(Activity? activity, string? traceParent)
    {
        var headers = new Headers
        {
            { MessageHeaders.ContentType, ContentTypeHeader },
            { MessageHeaders.Schema, SchemaHeader },
        };
        if (activity is not null)
            KafkaTraceContext.Inject(activity, headers);
        else if (traceParent is not null)
            headers.AddString(MessageHeaders.TraceParent, traceParent); // nobody records spans here: pass the run's context on as is
        return headers;
    }
}
