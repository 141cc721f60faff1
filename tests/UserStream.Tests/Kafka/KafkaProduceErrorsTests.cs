using Confluent.Kafka;
using UserStream.Kafka;

namespace UserStream.Tests.Kafka;

/// <summary>Every class of produce error, as <see cref="KafkaProduceErrors"/> decides it.</summary>
public sealed class KafkaProduceErrorsTests
{
    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge, ProduceErrorKind.TooLarge)]
    [InlineData(ErrorCode.InvalidMsgSize, ProduceErrorKind.TooLarge)]
    [InlineData(ErrorCode.RecordListTooLarge, ProduceErrorKind.TooLarge)]
    [InlineData(ErrorCode.InvalidRecord, ProduceErrorKind.Rejected)]
    [InlineData(ErrorCode.InvalidTimestamp, ProduceErrorKind.Rejected)]
    [InlineData(ErrorCode.Local_BadMsg, ProduceErrorKind.Rejected)]
    [InlineData(ErrorCode.Local_MsgTimedOut, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.Local_AllBrokersDown, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.Local_Transport, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.Local_QueueFull, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.RequestTimedOut, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.LeaderNotAvailable, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.NotLeaderForPartition, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.NotEnoughReplicas, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.UnknownTopicOrPart, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, ProduceErrorKind.Transient)]
    [InlineData(ErrorCode.InvalidMsg, ProduceErrorKind.Transient)] // CORRUPT_MESSAGE: a retry resends intact bytes
    [InlineData(ErrorCode.Unknown, ProduceErrorKind.Transient)]
    public void A_produce_error_is_classified(ErrorCode code, ProduceErrorKind expected) =>
        Assert.Equal(expected, KafkaProduceErrors.Classify(code));
}
