using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using UserStream.Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers Kafka consumers the way Aspire.Confluent.Kafka does.</summary>
public static class AspireKafkaConsumerExtensions
{
    /// <summary>
    /// Registers <see cref="IConsumer{TKey,TValue}"/> as a singleton (and the <see cref="KafkaConsumerFactory{TKey,TValue}"/>
    /// that builds it, for a caller that must replace a consumer with a fresh one), with a health check and librdkafka
    /// statistics as metrics. Settings come from <c>Aspire:Confluent:Kafka:Consumer</c> over UserStream's
    /// consumer defaults, the servers from <c>ConnectionStrings:{connectionName}</c>.
    /// </summary>
    /// <param name="builder">The host builder to read configuration from and add services to.</param>
    /// <param name="connectionName">Name of the connection string holding the bootstrap servers.</param>
    /// <param name="configureSettings">Adjusts the bound settings in code (runs after configuration).</param>
    /// <param name="configureBuilder">Adjusts the consumer builder (deserializers, rebalance handlers) before the consumer is built.</param>
    /// <exception cref="InvalidOperationException">No bootstrap servers or no consumer group are configured.</exception>
    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings = null,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null) =>
        Add(builder, connectionName, serviceKey: null, configureSettings, configureBuilder);

    /// <summary>
    /// As <see cref="AddKafkaConsumer{TKey,TValue}"/>, as a keyed singleton under <paramref name="name"/>; settings from
    /// <c>Aspire:Confluent:Kafka:Consumer</c> then <c>Aspire:Confluent:Kafka:Consumer:{name}</c>, servers from <c>ConnectionStrings:{name}</c>.
    /// </summary>
    /// <param name="builder">The host builder to read configuration from and add services to.</param>
    /// <param name="name">Service key and connection string name.</param>
    /// <param name="configureSettings">Adjusts the bound settings in code (runs after configuration).</param>
    /// <param name="configureBuilder">Adjusts the consumer builder before the consumer is built.</param>
    public static void AddKeyedKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaConsumerSettings>? configureSettings = null,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Add(builder, name, serviceKey: name, configureSettings, configureBuilder);
    }

    private static void Add<TKey, TValue>(IHostApplicationBuilder builder, string connectionName, string? serviceKey,
        Action<KafkaConsumerSettings>? configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var settings = new KafkaConsumerSettings();
        KafkaSettingsBinder.Bind(builder.Configuration, ConfluentKafkaCommon.ConsumerSectionName, serviceKey, settings, settings.Config,
            connectionName, connectionString => settings.ConnectionString = connectionString);
        configureSettings?.Invoke(settings);
        KafkaSettingsBinder.Consolidate(settings.Config, settings.ConnectionString, settings.DisableMetrics, ConfluentKafkaCommon.ConsumerSectionName, connectionName);
        if (string.IsNullOrWhiteSpace(settings.Config.GroupId))
            throw new InvalidOperationException(
                $"No consumer group for Kafka consumer '{connectionName}': set {ConfluentKafkaCommon.ConsumerSectionName}:Config:GroupId or Config.GroupId in code.");

        KafkaIntegrationServices.AddShared(builder.Services, metrics: !settings.DisableMetrics);
        KafkaConsumerFactory<TKey, TValue> Factory(IServiceProvider sp) =>
            new(sp, settings.Config, !settings.DisableMetrics, configureBuilder);
        if (serviceKey is null)
        {
            builder.Services.AddSingleton(Factory);
            builder.Services.AddSingleton(sp => sp.GetRequiredService<KafkaConsumerFactory<TKey, TValue>>().Create());
        }
        else
        {
            builder.Services.AddKeyedSingleton(serviceKey, (sp, _) => Factory(sp));
            builder.Services.AddKeyedSingleton(serviceKey, (sp, key) => sp.GetRequiredKeyedService<KafkaConsumerFactory<TKey, TValue>>(key).Create());
        }

        if (!settings.DisableHealthChecks)
            KafkaIntegrationServices.AddHealthCheck(builder.Services,
                serviceKey is null ? ConfluentKafkaCommon.ConsumerHealthCheckName : $"{ConfluentKafkaCommon.ConsumerHealthCheckName}_{serviceKey}",
                settings.Config);
    }
}
