using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;
using UserStream.Processor.Messages;
using UserStream.Processor.Transform;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>
/// Makes one consumed batch durable in two steps: <see cref="Prepare"/> checks and maps every message (CPU only, never
/// throws), <see cref="StoreAsync"/> has the dead letters acknowledged by the broker and upserts the valid users. When
/// StoreAsync returns, every message of the batch whose partition is still owned is safe and its offset may be
/// committed; when it throws (a transient error), the batch is retried and resumes where it stopped: a message
/// already dead-lettered or stored is not handled again, so a retry never publishes a dead letter twice.
/// </summary>
public sealed class UserBatchHandler(
    IUserStore store,
    DeadLetterPublisher deadLetters,
    PartitionOwnership ownership,
    ProcessorMetrics metrics,
    TimeProvider clock,
    ILogger<UserBatchHandler> logger)
{
    /// <summary>
    /// The CPU part of a batch: every message checked against the contract and mapped to its stored form. Nothing is
    /// written, so the worker prepares the next batch while the previous one is being stored. Whatever goes wrong with
    /// one message makes that message a dead letter (<see cref="DeadLetterReasons.Unprocessable"/>), never an exception.
    /// </summary>
    public PreparedBatch Prepare(IReadOnlyList<ConsumedMessage> batch)
    {
        var messages = new List<PreparedMessage>(batch.Count);
        foreach (var consumed in batch)
        {
            PreparedMessage prepared;
            try
            {
                prepared = PrepareOne(consumed);
            }
            catch (Exception e)
            {
                prepared = new PreparedMessage(consumed, null, default, new ParsedMessage.Invalid(DeadLetterReasons.Unprocessable, e.Message));
            }
            messages.Add(prepared);
        }
        return new PreparedBatch(messages);
    }

    private static PreparedMessage PrepareOne(ConsumedMessage consumed)
    {
        var message = consumed.Result.Message;
        // A key that is not UTF-8 decodes with replacement characters, which then fail the key check.
        var key = message.Key is null ? null : Encoding.UTF8.GetString(message.Key);
        switch (UserMessageParser.Parse(key, message.Value, message.Headers))
        {
            case ParsedMessage.Valid ok:
                var user = StoredUserMapper.ToStoredUser(ok.Message);
                if (StoredUserLimits.Check(user) is { } problem)
                    return new PreparedMessage(consumed, null, default, problem);
                return new PreparedMessage(consumed, user, KafkaTraceContext.Extract(message.Headers), null);
            case ParsedMessage.Invalid bad:
                return new PreparedMessage(consumed, null, default, bad);
            default:
                throw new InvalidOperationException("the parser returned neither a valid nor an invalid message");
        }
    }

    /// <summary>
    /// Makes a prepared batch durable: dead letters acknowledged by the broker, valid users upserted. A user the store
    /// refuses permanently is isolated by splitting its group in halves and dead-lettered as
    /// <see cref="DeadLetterReasons.StoreRejected"/>; the rest is stored. Transient store errors are thrown.
    /// </summary>
    public async Task StoreAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var message in batch.Invalid)
        {
            if (!Claim(message))
                continue;
            await DeadLetterAsync(message, message.Problem!.Reason, message.Problem.Detail, cancellationToken);
        }

        // One trace per ingestion run: messages that share a producer trace are stored under one span in it.
        foreach (var group in batch.Valid.GroupBy(v => v.Trace.TraceId))
        {
            var pending = group.Where(Claim).ToList();
            if (pending.Count > 0)
                await StoreIsolatingRejectsAsync(pending, cancellationToken);
        }
    }

    /// <summary>True when the message still needs handling; marks it abandoned when its partition moved meanwhile.</summary>
    private bool Claim(PreparedMessage message)
    {
        if (message.Outcome != MessageOutcome.Pending)
            return false;
        if (ownership.IsCurrent(message.Result.TopicPartition, message.Epoch))
            return true;
        message.Outcome = MessageOutcome.Abandoned;
        return false;
    }

    private async Task StoreIsolatingRejectsAsync(List<PreparedMessage> group, CancellationToken cancellationToken)
    {
        try
        {
            await StoreGroupAsync(group, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && store.Classify(e) == StoreErrorKind.Rejected)
        {
            if (group.Count == 1)
            {
                await DeadLetterAsync(group[0], DeadLetterReasons.StoreRejected, $"{store.Kind}: {e.Message}", cancellationToken);
                return;
            }
            logger.LogWarning("The {Kind} store refused a batch of {Count} ({Error}); splitting it to find the users it refuses",
                store.Kind, group.Count, e.Message);
            var half = group.Count / 2;
            await StoreIsolatingRejectsAsync(group.GetRange(0, half), cancellationToken);
            await StoreIsolatingRejectsAsync(group.GetRange(half, group.Count - half), cancellationToken);
        }
    }

    private async Task DeadLetterAsync(PreparedMessage message, string reason, string detail, CancellationToken cancellationToken)
    {
        var result = message.Result;
        logger.LogWarning("Dead-lettering {Topic}/{Partition}@{Offset}: {Reason}: {Detail}",
            result.Topic, result.Partition.Value, result.Offset.Value, reason, detail.Length <= 500 ? detail : detail[..500] + "…");
        await deadLetters.PublishAsync(result, reason, detail, cancellationToken);
        message.Outcome = MessageOutcome.DeadLettered;
        metrics.DeadLettered(reason);
    }

    private async Task StoreGroupAsync(List<PreparedMessage> group, CancellationToken cancellationToken)
    {
        var parent = group[0].Trace;
        var links = group.Skip(1).Select(g => g.Trace)
            .Where(c => c != default && c.SpanId != parent.SpanId).Distinct().Take(32)
            .Select(c => new ActivityLink(c));
        using var activity = ProcessorMetrics.ActivitySource.StartActivity(
            $"{group[0].Result.Topic} process", ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", group[0].Result.Topic);
        activity?.SetTag("messaging.batch.message_count", group.Count);

        using (var write = ProcessorMetrics.ActivitySource.StartActivity("user store upsert"))
        {
            write?.SetTag("db.system", store.Kind);
            write?.SetTag("userstream.users", group.Count);
            await store.UpsertAsync(group.Select(g => g.User!).ToList(), cancellationToken);
        }

        var now = clock.GetUtcNow();
        metrics.Processed(group.Count);
        foreach (var message in group)
        {
            message.Outcome = MessageOutcome.Stored;
            metrics.IngestToStore(now - message.User!.IngestedAt);
        }
    }
}
