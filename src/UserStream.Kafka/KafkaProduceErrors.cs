using Confluent.Kafka;

namespace UserStream.Kafka;

/// <summary>What a failed produce means for the record that was refused.</summary>
public enum ProduceErrorKind
{
    /// <summary>The broker is down, slow, electing a leader, or refuses the client (an operator's fix): the same record can go later.</summary>
    Transient,
    /// <summary>The record is larger than the client or broker accepts: it never will be accepted as it is.</summary>
    TooLarge,
    /// <summary>The broker refuses this record's content (an invalid record, a timestamp out of range): never as it is.</summary>
    Rejected,
}

/// <summary>
/// The one place that decides what a produce error means. Only errors about the record itself are permanent;
/// every other code (including unknown ones, and topic or authorization errors, which every record would hit
/// alike) is transient, so a producer never throws a record away over an outage or a misconfiguration.
/// </summary>
public static class KafkaProduceErrors
{
    /// <summary>What <paramref name="code"/>, reported for one record, means for that record.</summary>
    public static ProduceErrorKind Classify(ErrorCode code) => code switch
    {
        ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge => ProduceErrorKind.TooLarge,
        ErrorCode.InvalidRecord or ErrorCode.InvalidTimestamp or ErrorCode.Local_BadMsg
            or ErrorCode.UnsupportedForMessageFormat => ProduceErrorKind.Rejected,
        _ => ProduceErrorKind.Transient,
    };

    /// <summary>As <see cref="Classify(ErrorCode)"/>, for the exception a produce call threw.</summary>
    public static ProduceErrorKind Classify(KafkaException exception) => Classify(exception.Error.Code);
}
