using System.Globalization;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Kafka;

namespace UserStream.Processor.Consuming;

/// <summary>
/// Sends a message the processor cannot use to the dead-letter topic: its original key, bytes and
/// headers, plus headers saying why and where it came from. Waits for the broker's acknowledgement,
/// so the source offset is committed only once the dead letter is safe.
/// </summary>
public sealed class DeadLetterPublisher(IProducer<byte[]?, byte[]?> producer, string deadLetterTopic)
{
    public async Task PublishAsync(ConsumeResult<byte[]?, byte[]?> original, string reason, string detail, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        foreach (var header in original.Message.Headers ?? [])
            headers.Add(header.Key, header.GetValueBytes());
        headers.AddString(MessageHeaders.DeadLetterReason, reason);
        headers.AddString(MessageHeaders.DeadLetterDetail, detail.Length <= 2000 ? detail : detail[..2000]);
        headers.AddString(MessageHeaders.DeadLetterSource, string.Create(CultureInfo.InvariantCulture,
            $"{original.Topic}/{original.Partition.Value}@{original.Offset.Value}"));

        await producer.ProduceAsync(deadLetterTopic, new Message<byte[]?, byte[]?>
        {
            Key = original.Message.Key,
            Value = original.Message.Value,
            Headers = headers,
            Timestamp = original.Message.Timestamp,
        }, cancellationToken);
    }
}
