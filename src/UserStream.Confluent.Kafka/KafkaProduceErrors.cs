using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

/// <summary>What a failed produce means for the record that was refused.</summary>
public enum ProduceErrorKind
{
    /// <summary>The broker is down, slow, electing a leader, or refuses every record alike (an operator's fix): the same record can go later.</summary>
    Transient,
    /// <summary>The record is larger than the client or broker accepts: it never will be accepted as it is.</summary>
    TooLarge,
    /// <summary>The client or broker refuses this record's content (an invalid record, a timestamp out of range): never as it is.</summary>
    Rejected,
}

/// <summary>
/// The one place that decides what a Kafka produce error means, for the relay's outbox rows and the processor's dead
/// letters alike. An error is permanent only when the client or the broker refused <i>this record</i> for what it is (its
/// size, its format, its content), so the same bytes are refused on every attempt while other records go through. Every
/// other code is transient, unknown ones included: timeouts, a broker or leader that is away, a full local queue, and
/// errors about the cluster rather than the record (a topic that does not exist or whose name is invalid, missing
/// authorization, a message format the broker cannot store). Those would refuse every record alike, so treating them as
/// permanent would throw a whole outbox away over something an operator fixes.
/// </summary>
public static class KafkaProduceErrors
{
    /// <summary>What <paramref name="code"/>, reported for one record, means for that record.</summary>
    public static ProduceErrorKind Classify(ErrorCode code) => code switch
    {
        ErrorCode.MsgSizeTooLarge       // larger than message.max.bytes (checked by the client before sending, or by the broker)
            or ErrorCode.InvalidMsgSize  // the broker found the record's size field invalid
            or ErrorCode.RecordListTooLarge => ProduceErrorKind.TooLarge, // the record's batch is over the broker's limit (see IsBatchLevel)
        ErrorCode.InvalidRecord         // the broker's validation refused the record
            or ErrorCode.InvalidTimestamp // outside what the topic accepts
            or ErrorCode.Local_BadMsg   // the client could not build a record from it
            or ErrorCode.Local_InvalidArg // the client refused the record's arguments (key, value, headers)
            or ErrorCode.Local_KeySerialization
            or ErrorCode.Local_ValueSerialization => ProduceErrorKind.Rejected,
        _ => ProduceErrorKind.Transient,
    };

    /// <summary>As <see cref="Classify(ErrorCode)"/>, for the exception a produce call threw.</summary>
    public static ProduceErrorKind Classify(KafkaException exception) => Classify(exception.Error.Code);

    /// <summary>True when the record behind this error can never be published as it is.</summary>
    public static bool IsPermanent(Error error) => error.IsError && Classify(error.Code) != ProduceErrorKind.Transient;

    /// <summary>
    /// True for a permanent error the broker may have given a whole batch for the size of the batch rather than of one
    /// record in it: such a record is sent again alone before it counts as refused, so a small record that only shared a
    /// batch with a large one is not refused with it.
    /// </summary>
    public static bool IsBatchLevel(Error error) => error.Code is ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge;

    /// <summary>How a refusal is counted: the error code's name, e.g. "MsgSizeTooLarge".</summary>
    public static string ReasonKey(Error error) => error.Code.ToString();

    /// <summary>What is kept of a refusal (an outbox row's error): the code and the client's or broker's text.</summary>
    public static string Describe(Error error) => $"{error.Code}: {error.Reason}";
}
