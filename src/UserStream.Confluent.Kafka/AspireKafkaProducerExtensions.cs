using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using UserStream.Confluent.Kafka;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers Kafka producers the way Aspire.Confluent.Kafka does.</summary>
public static class AspireKafkaProducerExtensions
{
    /// <summary>
    /// Registers <see cref="IProducer{TKey,TValue}"/> as a singleton, with a health check and librdkafka
    /// statistics as metrics. Settings come from <c>Aspire:Confluent:Kafka:Producer</c> over UserStream's
    /// producer defaults, the servers from <c>ConnectionStrings:{connectionName}</c>.
    /// </summary>
    /// <param name="builder">The host builder to read configuration from and add services to.</param>
    /// <param name="connectionName">Name of the connection string holding the bootstrap servers.</param>
    /// <param name="configureSettings">Adjusts the bound settings in code (runs after configuration).</param>
    /// <param name="configureBuilder">Adjusts the producer builder (serializers, handlers) before the producer is built.</param>
    /// <exception cref="InvalidOperationException">No bootstrap servers are configured.</exception>
    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings = null,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null) =>
        Add(builder, connectionName, serviceKey: null, configureSettings, configureBuilder);

    /// <summary>
    /// As <see cref="AddKafkaProducer{TKey,TValue}"/>, as a keyed singleton under <paramref name="name"/>; settings from
    /// <c>Aspire:Confluent:Kafka:Producer</c> then <c>Aspire:Confluent:Kafka:Producer:{name}</c>, servers from <c>ConnectionStrings:{name}</c>.
    /// </summary>
    /// <param name="builder">The host builder to read configuration from and add services to.</param>
    /// <param name="name">Service key and connection string name.</param>
    /// <param name="configureSettings">Adjusts the bound settings in code (runs after configuration).</param>
    /// <param name="configureBuilder">Adjusts the producer builder before the producer is built.</param>
    public static void AddKeyedKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string name,
        Action<KafkaProducerSettings>? configureSettings = null,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Add(builder, name, serviceKey: name, configureSettings, configureBuilder);
    }

    private static void Add<TKey, TValue>(IHostApplicationBuilder builder, string connectionName, string? serviceKey,
        Action<KafkaProducerSettings>? configureSettings, Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var settings = new KafkaProducerSettings();
        KafkaSettingsBinder.Bind(builder.Configuration, ConfluentKafkaCommon.ProducerSectionName, serviceKey, settings, settings.Config,
            connectionName, connectionString => settings.ConnectionString = connectionString);
        configureSettings?.Invoke(settings);
        KafkaSettingsBinder.Consolidate(settings.Config, settings.ConnectionString, settings.DisableMetrics, ConfluentKafkaCommon.ProducerSectionName, connectionName);

        KafkaIntegrationServices.AddShared(builder.Services, metrics: !settings.DisableMetrics);
        IProducer<TKey, TValue> Create(IServiceProvider sp) =>
            KafkaClientFactory.CreateProducer(sp, settings.Config, !settings.DisableMetrics, configureBuilder);
        if (serviceKey is null)
            builder.Services.AddSingleton(Create);
        else
            builder.Services.AddKeyedSingleton(serviceKey, (sp, _) => Create(sp));

        if (!settings.DisableHealthChecks)
            KafkaIntegrationServices.AddHealthCheck(builder.Services,
                serviceKey is null ? ConfluentKafkaCommon.ProducerHealthCheckName : $"{ConfluentKafkaCommon.ProducerHealthCheckName}_{serviceKey}",
                settings.Config);
    }
}
