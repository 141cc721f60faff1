namespace UserStream.Contracts.Messages;

/// <summary>Kafka header names used across the pipeline.</summary>
public static class MessageHeaders
{
    public const string TraceParent = "traceparent";
    public const string ContentType = "content-type";
    public const string Schema = "schema";

    /// <summary>On a dead letter: a short machine-readable reason code (see <see cref="DeadLetterReasons"/>).</summary>
    public const string DeadLetterReason = "dlq-reason";
    /// <summary>On a dead letter: the human-readable detail of what was wrong.</summary>
    public const string DeadLetterDetail = "dlq-detail";
    /// <summary>On a dead letter: where the original message was ("topic/partition@offset").</summary>
    public const string DeadLetterSource = "dlq-source";
    /// <summary>On a dead letter the broker refused whole: "true"; key, value and headers were cut to fit.</summary>
    public const string DeadLetterTruncated = "dlq-truncated";
    /// <summary>On a truncated dead letter: the original message's size in bytes (key + value + headers).</summary>
    public const string DeadLetterOriginalSize = "dlq-original-size";
}
