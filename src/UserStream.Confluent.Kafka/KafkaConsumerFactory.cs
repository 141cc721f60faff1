using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

/// <summary>
/// Builds consumers exactly as the <see cref="IConsumer{TKey,TValue}"/> that AddKafkaConsumer registers (same settings,
/// same builder setup, same log and statistics handlers), for a caller that must replace its consumer with a fresh one:
/// a new client has new broker connections and no group state.
/// </summary>
public sealed class KafkaConsumerFactory<TKey, TValue>
{
    private readonly IServiceProvider _services;
    private readonly bool _metrics;
    private readonly Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? _configureBuilder;

    internal KafkaConsumerFactory(IServiceProvider services, ConsumerConfig config, bool metrics,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder)
    {
        _services = services;
        Config = config;
        _metrics = metrics;
        _configureBuilder = configureBuilder;
    }

    /// <summary>The consolidated client configuration (servers, group, defaults and overrides). Do not change it.</summary>
    public ConsumerConfig Config { get; }

    /// <summary>A new consumer; the caller owns it (close and dispose it).</summary>
    public IConsumer<TKey, TValue> Create() => KafkaClientFactory.CreateConsumer(_services, Config, _metrics, _configureBuilder);
}
