namespace UserStream.Confluent.Kafka;

/// <summary>Names this integration registers under: the meter, health checks and log category.</summary>
public static class ConfluentKafkaCommon
{
    /// <summary>Meter of the instruments fed by librdkafka's statistics (matched by ServiceDefaults' "UserStream.*").</summary>
    public const string MeterName = "UserStream.Confluent.Kafka";

    /// <summary>Health check of the producer registered by AddKafkaProducer; keyed producers append "_{name}".</summary>
    public const string ProducerHealthCheckName = "UserStream.Confluent.Kafka.Producer";

    /// <summary>Health check of the consumer registered by AddKafkaConsumer; keyed consumers append "_{name}".</summary>
    public const string ConsumerHealthCheckName = "UserStream.Confluent.Kafka.Consumer";

    /// <summary>Log category of librdkafka's own log lines and of the start-up version check.</summary>
    public const string LogCategoryName = "UserStream.Confluent.Kafka";

    internal const string ProducerSectionName = "Aspire:Confluent:Kafka:Producer";
    internal const string ConsumerSectionName = "Aspire:Confluent:Kafka:Consumer";
}
