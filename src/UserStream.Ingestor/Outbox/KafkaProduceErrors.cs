using Confluent.Kafka;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// The one place that decides what a Kafka producer error means for an outbox row.
/// <para>
/// The rule: an error is <b>permanent</b> only when the client or the broker refused <i>this record</i> for what it is
/// (its size, its format, its content), so the same bytes are refused on every attempt while other records go through.
/// Such a row is marked failed and the relay moves on.
/// </para>
/// <para>
/// Every other error is <b>transient</b> and the row is retried, without limit: timeouts, a broker or leader that is
/// away, a full local queue, and also errors about the cluster rather than the row (a topic that does not exist yet,
/// missing authorization, a broker configuration that refuses every record). Those would refuse every row alike, so
/// failing rows for them would drop the whole outbox over something an operator fixes; the relay logs them and waits.
/// </para>
/// </summary>
public static class KafkaProduceErrors
{
    private static readonly HashSet<ErrorCode> RecordRefused =
    [
        ErrorCode.MsgSizeTooLarge,        // larger than message.max.bytes (checked by the client before sending, or by the broker)
        ErrorCode.RecordListTooLarge,     // the record's batch is over the broker's limit (see IsBatchLevel)
        ErrorCode.InvalidMsgSize,         // the broker found the record's size field invalid
        ErrorCode.InvalidRecord,          // the broker's validation refused the record
        ErrorCode.InvalidTimestamp,       // the record's timestamp is outside what the topic accepts
        ErrorCode.TopicException,         // the topic name itself is invalid: no record can ever go there
        ErrorCode.Local_BadMsg,           // the client could not build a record from it
        ErrorCode.Local_InvalidArg,       // the client refused the record's arguments (key, value, headers)
        ErrorCode.Local_KeySerialization,
        ErrorCode.Local_ValueSerialization,
    ];

    /// <summary>True when the row behind this error can never be published as it is: it is marked failed.</summary>
    public static bool IsPermanent(Error error) => error.IsError && RecordRefused.Contains(error.Code);

    /// <summary>
    /// True for a permanent error the broker may have given a whole batch for the size of the batch rather than of one
    /// record in it: before such a row is marked failed, it is sent again alone, so a small row that only shared a
    /// batch with a large one is not failed with it.
    /// </summary>
    public static bool IsBatchLevel(Error error) => error.Code is ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge;

    /// <summary>How a failure is counted on its run: the error code's name, e.g. "MsgSizeTooLarge".</summary>
    public static string ReasonKey(Error error) => error.Code.ToString();

    /// <summary>What the outbox row keeps: the code and the client's or broker's text.</summary>
    public static string Describe(Error error) => $"{error.Code}: {error.Reason}";
}
