using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using UserStream.Kafka;
using UserStream.Processor.Messages;
using UserStream.Processor.Transform;
using UserStream.UserStore;

namespace UserStream.Processor.Consuming;

/// <summary>
/// Makes one consumed batch durable: dead letters acknowledged by the broker, valid users upserted
/// into the store. When it returns, every message of the batch is safe and its offset may be committed;
/// when it throws, none may be.
/// </summary>
public sealed class UserBatchHandler(
    IUserStore store,
    DeadLetterPublisher deadLetters,
    ProcessorMetrics metrics,
    TimeProvider clock,
    ILogger<UserBatchHandler> logger)
{
    public async Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> batch, CancellationToken cancellationToken)
    {
        var valid = new List<(ConsumeResult<byte[]?, byte[]?> Result, StoredUser User)>(batch.Count);
        foreach (var result in batch)
        {
            var key = result.Message.Key is null ? null : Encoding.UTF8.GetString(result.Message.Key);
            switch (UserMessageParser.Parse(key, result.Message.Value, result.Message.Headers))
            {
                case ParsedMessage.Valid ok:
                    valid.Add((result, StoredUserMapper.ToStoredUser(ok.Message)));
                    break;
                case ParsedMessage.Invalid bad:
                    logger.LogWarning("Dead-lettering {Topic}/{Partition}@{Offset}: {Reason}: {Detail}",
                        result.Topic, result.Partition.Value, result.Offset.Value, bad.Reason, bad.Detail);
                    await deadLetters.PublishAsync(result, bad.Reason, bad.Detail, cancellationToken);
                    metrics.DeadLettered(bad.Reason);
                    break;
            }
        }

        // One trace per ingestion run: messages that share a producer trace are stored under one span in it.
        foreach (var group in valid.GroupBy(v => KafkaTraceContext.Extract(v.Result.Message.Headers).TraceId))
            await StoreAsync(group.ToList(), cancellationToken);
    }

    private async Task StoreAsync(List<(ConsumeResult<byte[]?, byte[]?> Result, StoredUser User)> group, CancellationToken cancellationToken)
    {
        var parent = KafkaTraceContext.Extract(group[0].Result.Message.Headers);
        var links = group.Skip(1).Select(g => KafkaTraceContext.Extract(g.Result.Message.Headers))
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
        foreach (var (_, user) in group)
            metrics.IngestToStore(now - user.IngestedAt);
    }
}
