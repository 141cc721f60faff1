using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using UserStream.Kafka;
using UserStream.Processor.Messages;
using UserStream.Processor.Transform;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>
/// Makes one consumed batch durable in two steps: <see cref="Prepare"/> checks and maps every message (CPU only),
/// <see cref="StoreAsync"/> has the dead letters acknowledged by the broker and upserts the valid users. When
/// StoreAsync returns, every message of the batch is safe and its offset may be committed; when it throws, none may be.
/// </summary>
public sealed class UserBatchHandler(
    IUserStore store,
    DeadLetterPublisher deadLetters,
    ProcessorMetrics metrics,
    TimeProvider clock,
    ILogger<UserBatchHandler> logger)
{
    /// <summary>
    /// The CPU part of a batch: every message checked against the contract and mapped to its stored form. Nothing is
    /// written, so the worker prepares the next batch while the previous one is being stored.
    /// </summary>
    public PreparedBatch Prepare(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        var valid = new List<ValidMessage>(batch.Count);
        var invalid = new List<InvalidMessage>();
        foreach (var result in batch)
        {
            var key = result.Message.Key is null ? null : Encoding.UTF8.GetString(result.Message.Key);
            switch (UserMessageParser.Parse(key, result.Message.Value, result.Message.Headers))
            {
                case ParsedMessage.Valid ok:
                    valid.Add(new ValidMessage(result, StoredUserMapper.ToStoredUser(ok.Message), KafkaTraceContext.Extract(result.Message.Headers)));
                    break;
                case ParsedMessage.Invalid bad:
                    invalid.Add(new InvalidMessage(result, bad));
                    break;
            }
        }
        return new PreparedBatch(batch.Count, valid, invalid);
    }

    /// <summary>Makes a prepared batch durable: dead letters acknowledged by the broker, valid users upserted.</summary>
    public async Task StoreAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var (result, bad) in batch.Invalid)
        {
            logger.LogWarning("Dead-lettering {Topic}/{Partition}@{Offset}: {Reason}: {Detail}",
                result.Topic, result.Partition.Value, result.Offset.Value, bad.Reason, bad.Detail);
            await deadLetters.PublishAsync(result, bad.Reason, bad.Detail, cancellationToken);
            metrics.DeadLettered(bad.Reason);
        }

        // One trace per ingestion run: messages that share a producer trace are stored under one span in it.
        foreach (var group in batch.Valid.GroupBy(v => v.Trace.TraceId))
            await StoreGroupAsync(group.ToList(), cancellationToken);
    }

    private async Task StoreGroupAsync(List<ValidMessage> group, CancellationToken cancellationToken)
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
            await store.UpsertAsync(group.Select(g => g.User).ToList(), cancellationToken);
        }

        var now = clock.GetUtcNow();
        metrics.Processed(group.Count);
        foreach (var message in group)
            metrics.IngestToStore(now - message.User.IngestedAt);
    }
}
