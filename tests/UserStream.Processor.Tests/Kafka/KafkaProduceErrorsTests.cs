using Confluent.Kafka;
using UserStream.Confluent.Kafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>The one rule for produce errors (relay and dead letters): refused for good only when the error is about the record itself.</summary>
public sealed class KafkaProduceErrorsTests
{
    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.RecordListTooLarge)]
    [InlineData(ErrorCode.InvalidMsgSize)]
    public void A_record_too_large_is_refused_for_its_size(ErrorCode code)
    {
        Assert.Equal(ProduceErrorKind.TooLarge, KafkaProduceErrors.Classify(code));
        Assert.True(KafkaProduceErrors.IsPermanent(new Error(code)));
    }

    [Theory]
    [InlineData(ErrorCode.InvalidRecord)]
    [InlineData(ErrorCode.InvalidTimestamp)]
    [InlineData(ErrorCode.Local_BadMsg)]
    [InlineData(ErrorCode.Local_InvalidArg)]
    [InlineData(ErrorCode.Local_KeySerialization)]
    [InlineData(ErrorCode.Local_ValueSerialization)]
    public void A_record_refused_for_its_content_is_rejected(ErrorCode code)
    {
        Assert.Equal(ProduceErrorKind.Rejected, KafkaProduceErrors.Classify(code));
        Assert.True(KafkaProduceErrors.IsPermanent(new Error(code)));
    }

    [Theory]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.Local_QueueFull)]
    [InlineData(ErrorCode.Local_Transport)]
    [InlineData(ErrorCode.Local_AllBrokersDown)]
    [InlineData(ErrorCode.Local_TimedOut)]
    [InlineData(ErrorCode.RequestTimedOut)]
    [InlineData(ErrorCode.NetworkException)]
    [InlineData(ErrorCode.LeaderNotAvailable)]
    [InlineData(ErrorCode.NotLeaderForPartition)]
    [InlineData(ErrorCode.NotEnoughReplicas)]
    [InlineData(ErrorCode.NotEnoughReplicasAfterAppend)]
    [InlineData(ErrorCode.BrokerNotAvailable)]
    [InlineData(ErrorCode.KafkaStorageError)]
    [InlineData(ErrorCode.InvalidMsg)] // CORRUPT_MESSAGE: a checksum broken on the way; a retry resends intact bytes
    [InlineData(ErrorCode.ThrottlingQuotaExceeded)]
    [InlineData(ErrorCode.Unknown)]
    public void Errors_of_the_moment_are_transient(ErrorCode code)
    {
        Assert.Equal(ProduceErrorKind.Transient, KafkaProduceErrors.Classify(code));
        Assert.False(KafkaProduceErrors.IsPermanent(new Error(code)));
    }

    [Theory]
    [InlineData(ErrorCode.UnknownTopicOrPart)]
    [InlineData(ErrorCode.Local_UnknownTopic)]
    [InlineData(ErrorCode.Local_UnknownPartition)]
    [InlineData(ErrorCode.TopicException)] // an invalid topic name is configuration: every record would be refused
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    [InlineData(ErrorCode.ClusterAuthorizationFailed)]
    [InlineData(ErrorCode.UnsupportedForMessageFormat)]
    [InlineData(ErrorCode.InvalidRequiredAcks)]
    public void Errors_about_the_cluster_rather_than_the_record_are_retried_not_refused(ErrorCode code) =>
        Assert.False(KafkaProduceErrors.IsPermanent(new Error(code)));

    [Fact]
    public void No_error_is_not_permanent() => Assert.False(KafkaProduceErrors.IsPermanent(new Error(ErrorCode.NoError)));

    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge, true)]
    [InlineData(ErrorCode.RecordListTooLarge, true)]
    [InlineData(ErrorCode.InvalidRecord, false)]
    [InlineData(ErrorCode.Local_ValueSerialization, false)]
    public void Size_refusals_may_be_about_the_batch_and_are_checked_alone(ErrorCode code, bool batchLevel) =>
        Assert.Equal(batchLevel, KafkaProduceErrors.IsBatchLevel(new Error(code)));
}
