using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UserStream.Processor.Consuming;
using UserStream.ServiceDefaults;
using UserStream.UserStore;

namespace UserStream.Processor.Extensions;

public static class ProcessorServiceExtensions
{
    public static IHostApplicationBuilder AddProcessorServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var clientId = builder.Configuration["OTEL_SERVICE_NAME"] ?? "processor";

        services.Configure<ProcessorOptions>(builder.Configuration.GetSection(ProcessorOptions.Section));
        services.AddSingleton(TimeProvider.System);
        builder.AddUserStore();
        services.AddSingleton<ProcessorMetrics>();
        services.AddSingleton<ProcessorStatus>();

        var groupId = (builder.Configuration.GetSection(ProcessorOptions.Section).Get<ProcessorOptions>() ?? new ProcessorOptions()).GroupId;

        builder.AddKafkaProducer<byte[]?, byte[]?>("kafka", settings => settings.Config.ClientId ??= clientId + "-dlq");
        services.AddSingleton(sp => new DeadLetterPublisher(
            sp.GetRequiredService<IProducer<byte[]?, byte[]?>>(),
            sp.GetRequiredService<IOptions<ProcessorOptions>>().Value.DeadLetterTopic));
        builder.AddKafkaConsumer<byte[]?, byte[]?>("kafka",
            settings =>
            {
                settings.Config.GroupId = groupId; // Processor:GroupId names the group, as before
                settings.Config.ClientId ??= clientId;
            },
            (sp, consumer) =>
            {
                var logger = sp.GetRequiredService<ILogger<ProcessorWorker>>();
                consumer.SetPartitionsAssignedHandler((_, partitions) => logger.LogInformation("Assigned {Count} partition(s)", partitions.Count))
                    .SetPartitionsRevokedHandler((_, partitions) => logger.LogInformation("Revoked {Count} partition(s)", partitions.Count))
                    .SetErrorHandler((_, error) => logger.LogWarning("Kafka: {Reason}", error.Reason));
            });
        services.AddSingleton<UserBatchHandler>();
        services.AddHostedService<ProcessorWorker>();

        services.AddHealthChecks()
            .AddCheck<ProcessorStatus>("consumer");
        return builder;
    }
}
