using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserStream.Confluent.Kafka.Metrics;

namespace UserStream.Confluent.Kafka;

/// <summary>Builds the registered clients: version check first, then the caller's builder setup, then our log and statistics handlers.</summary>
internal static class KafkaClientFactory
{
    public static IProducer<TKey, TValue> CreateProducer<TKey, TValue>(IServiceProvider services, ProducerConfig config, bool metrics,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder)
    {
        services.GetRequiredService<LibrdkafkaVersionCheckService>().EnsureChecked();
        var builder = new ProducerBuilder<TKey, TValue>(config);
        configureBuilder?.Invoke(services, builder);
        var logger = Logger(services);
        TrySet(logger, "log", () => builder.SetLogHandler((_, message) => Log(logger, message)));
        if (metrics)
        {
            var channel = services.GetRequiredService<KafkaStatisticsChannel>();
            TrySet(logger, "statistics", () => builder.SetStatisticsHandler((_, json) => channel.Publish(json)));
        }
        return builder.Build();
    }

    public static IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(IServiceProvider services, ConsumerConfig config, bool metrics,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder)
    {
        services.GetRequiredService<LibrdkafkaVersionCheckService>().EnsureChecked();
        var builder = new ConsumerBuilder<TKey, TValue>(config);
        configureBuilder?.Invoke(services, builder);
        var logger = Logger(services);
        TrySet(logger, "log", () => builder.SetLogHandler((_, message) => Log(logger, message)));
        if (metrics)
        {
            var channel = services.GetRequiredService<KafkaStatisticsChannel>();
            TrySet(logger, "statistics", () => builder.SetStatisticsHandler((_, json) => channel.Publish(json)));
        }
        return builder.Build();
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(ConfluentKafkaCommon.LogCategoryName);

    private static void Log(ILogger logger, LogMessage message) =>
        logger.Log((LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging), "{Client} {Facility}: {Message}",
            message.Name, message.Facility, message.Message);

    /// <summary>A handler the caller's configureBuilder already set wins; ours is skipped with a warning.</summary>
    private static void TrySet(ILogger logger, string handler, Action set)
    {
        try
        {
            set();
        }
        catch (InvalidOperationException)
        {
            logger.LogWarning("The client builder already has a {Handler} handler; keeping it, so this integration's {Handler} handling is off", handler, handler);
        }
    }
}
