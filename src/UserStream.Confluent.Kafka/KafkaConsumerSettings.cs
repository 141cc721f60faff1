using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

/// <summary>
/// Settings of a consumer registered with AddKafkaConsumer, bound from <c>Aspire:Confluent:Kafka:Consumer</c>.
/// <see cref="Config"/> starts from UserStream's consumer defaults (<see cref="KafkaClientSettings.ConsumerDefaults"/>);
/// configured <c>Config</c> values override them.
/// </summary>
public sealed class KafkaConsumerSettings
{
    /// <summary>The bootstrap servers ("host:port,…"); <c>ConnectionStrings:{name}</c> when that is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>librdkafka configuration, passed through as is: typed names (<c>Config:GroupId</c>) or librdkafka's own (<c>Config:group.id</c>).</summary>
    public ConsumerConfig Config { get; } = KafkaClientSettings.ConsumerDefaults();

    /// <summary>No health check when true. Default false.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>No statistics and no metrics when true. Default false (statistics every second unless <c>Config:StatisticsIntervalMs</c> says otherwise).</summary>
    public bool DisableMetrics { get; set; }
}
