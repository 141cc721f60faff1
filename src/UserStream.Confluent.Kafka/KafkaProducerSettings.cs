using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

/// <summary>
/// Settings of a producer registered with AddKafkaProducer, bound from <c>Aspire:Confluent:Kafka:Producer</c>.
/// <see cref="Config"/> starts from UserStream's producer defaults (<see cref="KafkaClientSettings.ProducerDefaults"/>);
/// configured <c>Config</c> values override them.
/// </summary>
public sealed class KafkaProducerSettings
{
    /// <summary>The bootstrap servers ("host:port,…"); <c>ConnectionStrings:{name}</c> when that is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>librdkafka configuration, passed through as is: typed names (<c>Config:LingerMs</c>) or librdkafka's own (<c>Config:linger.ms</c>).</summary>
    public ProducerConfig Config { get; } = KafkaClientSettings.ProducerDefaults();

    /// <summary>No health check when true. Default false.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>No statistics and no metrics when true. Default false (statistics every second unless <c>Config:StatisticsIntervalMs</c> says otherwise).</summary>
    public bool DisableMetrics { get; set; }
}
