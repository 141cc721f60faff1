using System.Globalization;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;

namespace UserStream.Processor.Consuming;

/// <summary>How much of the original a published dead letter carries.</summary>
public enum DeadLetterForm
{
    /// <summary>Key, value, headers and timestamp as they were.</summary>
    Whole,
    /// <summary>Cut to fit (<see cref="MessageHeaders.DeadLetterTruncated"/>): the broker refused the whole record permanently.</summary>
    Truncated,
    /// <summary>Only the dlq-* headers: the broker refused even the truncated record.</summary>
    HeadersOnly,
    /// <summary>The broker refused even that; logged as critical, and the partition moves on.</summary>
    Refused,
}

/// <summary>
/// Sends a message the processor cannot use to the dead-letter topic: its original key, bytes and headers,
/// plus headers saying why and where it came from. Waits for the broker's acknowledgement, so the source
/// offset is committed only once the dead letter is safe. A transient produce error is thrown (the batch is
/// retried); a permanent one (<see cref="KafkaProduceErrors"/>) never blocks the partition: the record is
/// sent again cut down, and as a last resort with nothing but its dlq-* headers.
/// </summary>
public sealed class DeadLetterPublisher(IProducer<byte[]?, byte[]?> producer, string deadLetterTopic, ILogger<DeadLetterPublisher> logger)
{
    /// <summary>Longest <see cref="MessageHeaders.DeadLetterDetail"/>, in characters.</summary>
    public const int MaxDetail = 2000;
    /// <summary>What a truncated dead letter keeps of the value, the key and each original header value (bytes).</summary>
    public const int TruncatedValueBytes = 64 * 1024, TruncatedKeyBytes = 1024, TruncatedHeaderBytes = 1024;
    /// <summary>How many of the original headers a truncated dead letter keeps.</summary>
    public const int TruncatedHeaderCount = 32;

    public async Task<DeadLetterForm> PublishAsync(ConsumeResult<byte[]?, byte[]?> original, string reason, string detail, CancellationToken cancellationToken)
    {
        var message = original.Message;
        // The dlq-* headers come last, so a reader of the last value sees ours even if the original had some.
        var deadLetter = new Headers();
        foreach (var header in message.Headers ?? [])
            deadLetter.Add(header.Key, header.GetValueBytes());
        AddDeadLetterHeaders(deadLetter, original, reason, detail);
        if (await TryProduceAsync(new Message<byte[]?, byte[]?>
            {
                Key = message.Key,
                Value = message.Value,
                Headers = deadLetter,
                Timestamp = message.Timestamp,
            }, original, cancellationToken))
            return DeadLetterForm.Whole;

        var size = OriginalSize(message);
        var truncated = new Headers();
        foreach (var header in (message.Headers ?? []).Take(TruncatedHeaderCount))
            truncated.Add(header.Key, Cut(header.GetValueBytes(), TruncatedHeaderBytes));
        AddDeadLetterHeaders(truncated, original, reason, detail, size);
        if (await TryProduceAsync(new Message<byte[]?, byte[]?>
            {
                Key = Cut(message.Key, TruncatedKeyBytes),
                Value = Cut(message.Value, TruncatedValueBytes),
                Headers = truncated,
            }, original, cancellationToken))
            return DeadLetterForm.Truncated;

        var headersOnly = AddDeadLetterHeaders(new Headers(), original, reason, detail, size);
        if (await TryProduceAsync(new Message<byte[]?, byte[]?> { Headers = headersOnly }, original, cancellationToken))
            return DeadLetterForm.HeadersOnly;

        logger.LogCritical("The broker permanently refused even a headers-only dead letter for {Source} ({Reason}); it is not in {Topic}",
            Source(original), reason, deadLetterTopic);
        return DeadLetterForm.Refused;
    }

    /// <summary>True when acknowledged; false when refused permanently; throws when the error is transient.</summary>
    private async Task<bool> TryProduceAsync(Message<byte[]?, byte[]?> record, ConsumeResult<byte[]?, byte[]?> original, CancellationToken cancellationToken)
    {
        try
        {
            await producer.ProduceAsync(deadLetterTopic, record, cancellationToken);
            return true;
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (KafkaProduceErrors.Classify(e) != ProduceErrorKind.Transient)
        {
            logger.LogWarning("The broker refused the dead letter of {Source} permanently ({Code}: {Reason}); sending less of it",
                Source(original), e.Error.Code, e.Error.Reason);
            return false;
        }
    }

    /// <summary>dlq-reason, dlq-detail, dlq-source; and dlq-truncated with dlq-original-size when <paramref name="truncatedFrom"/> is set.</summary>
    private static Headers AddDeadLetterHeaders(Headers headers, ConsumeResult<byte[]?, byte[]?> original, string reason, string detail, long? truncatedFrom = null)
    {
        headers.AddString(MessageHeaders.DeadLetterReason, reason)
            .AddString(MessageHeaders.DeadLetterDetail, detail.Length <= MaxDetail ? detail : detail[..MaxDetail])
            .AddString(MessageHeaders.DeadLetterSource, Source(original));
        if (truncatedFrom is { } size)
            headers.AddString(MessageHeaders.DeadLetterTruncated, "true")
                .AddString(MessageHeaders.DeadLetterOriginalSize, size.ToString(CultureInfo.InvariantCulture));
        return headers;
    }

    private static string Source(ConsumeResult<byte[]?, byte[]?> original) =>
        string.Create(CultureInfo.InvariantCulture, $"{original.Topic}/{original.Partition.Value}@{original.Offset.Value}");

    private static long OriginalSize(Message<byte[]?, byte[]?> message) =>
        (message.Key?.LongLength ?? 0) + (message.Value?.LongLength ?? 0)
        + (message.Headers ?? []).Sum(h => (long)h.Key.Length + (h.GetValueBytes()?.LongLength ?? 0));

    private static byte[]? Cut(byte[]? bytes, int max) => bytes is null || bytes.Length <= max ? bytes : bytes[..max];
}
