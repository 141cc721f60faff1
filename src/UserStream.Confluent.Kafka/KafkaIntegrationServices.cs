using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using UserStream.Confluent.Kafka.Metrics;

namespace UserStream.Confluent.Kafka;

/// <summary>What every producer and consumer registration shares: the version check, metrics and health checks.</summary>
internal static class KafkaIntegrationServices
{
    public static void AddShared(IServiceCollection services, bool metrics)
    {
        // First among this integration's hosted services, so the loaded librdkafka is logged (or refused) up front.
        services.TryAddSingleton<LibrdkafkaVersionCheckService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LibrdkafkaVersionCheckService>(
            sp => sp.GetRequiredService<LibrdkafkaVersionCheckService>()));
        if (!metrics)
            return;
        services.AddMetrics();
        services.TryAddSingleton<KafkaStatisticsChannel>();
        services.TryAddSingleton<ConfluentKafkaMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KafkaStatisticsService>());
    }

    /// <summary>One health check per client registration; the check (and its admin client) lives as long as the container.</summary>
    public static void AddHealthCheck(IServiceCollection services, string name, ClientConfig config)
    {
        var snapshot = new ClientConfig(config.ToDictionary(kv => kv.Key, kv => kv.Value));
        services.AddKeyedSingleton(name, (_, _) => new KafkaHealthCheck(snapshot));
        services.AddHealthChecks().Add(new HealthCheckRegistration(name,
            sp => sp.GetRequiredKeyedService<KafkaHealthCheck>(name), failureStatus: null, tags: null));
    }
}
