using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UserStream.Kafka;
using UserStream.Processor.Consuming;
using UserStream.ServiceDefaults;
using UserStream.UserStore;

namespace UserStream.Processor.Extensions;

public static class ProcessorServiceExtensions
{
    public static IHostApplicationBuilder AddProcessorServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var bootstrapServers = builder.Configuration.GetRequiredConnectionString("kafka");
        var clientId = builder.Configuration["OTEL_SERVICE_NAME"] ?? "processor";

        services.Configure<ProcessorOptions>(builder.Configuration.GetSection(ProcessorOptions.Section));
        services.AddSingleton(TimeProvider.System);
        builder.AddUserStore();
        services.AddSingleton<ProcessorMetrics>();
        services.AddSingleton<ProcessorStatus>();

        services.AddSingleton(_ => new ProducerBuilder<byte[]?, byte[]?>(
            KafkaClientSettings.Producer(bootstrapServers, clientId + "-dlq")).Build());
        services.AddSingleton(sp => new DeadLetterPublisher(
            sp.GetRequiredService<IProducer<byte[]?, byte[]?>>(),
            sp.GetRequiredService<IOptions<ProcessorOptions>>().Value.DeadLetterTopic));
        services.AddSingleton<Func<IConsumer<byte[]?, byte[]?>>>(sp => () =>
        {
            var options = sp.GetRequiredService<IOptions<ProcessorOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<ProcessorWorker>>();
            return new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientSettings.Consumer(bootstrapServers, options.GroupId, clientId))
                .SetPartitionsAssignedHandler((_, partitions) => logger.LogInformation("Assigned {Count} partition(s)", partitions.Count))
                .SetPartitionsRevokedHandler((_, partitions) => logger.LogInformation("Revoked {Count} partition(s)", partitions.Count))
                .SetErrorHandler((_, error) => logger.LogWarning("Kafka: {Reason}", error.Reason))
                .Build();
        });
        services.AddSingleton<UserBatchHandler>();
        services.AddHostedService<ProcessorWorker>();

        services.AddHealthChecks()
            .AddCheck("kafka", new KafkaHealthCheck(bootstrapServers))
            .AddCheck<ProcessorStatus>("consumer");
        return builder;
    }
}
