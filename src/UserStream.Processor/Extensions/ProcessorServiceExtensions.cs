using Confluent.Kafka;
using Microsoft.Extensions.Options;
using UserStream.Confluent.Kafka;
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
        services.AddSingleton<ConsumptionGate>();
        services.AddOpenApi();
        services.AddSingleton<PartitionOwnership>();

        var groupId = (builder.Configuration.GetSection(ProcessorOptions.Section).Get<ProcessorOptions>() ?? new ProcessorOptions()).GroupId;

        builder.AddKafkaProducer<byte[]?, byte[]?>("kafka", settings => settings.Config.ClientId ??= clientId + "-dlq");
        services.AddSingleton(sp => new DeadLetterPublisher(
            sp.GetRequiredService<IProducer<byte[]?, byte[]?>>(),
            sp.GetRequiredService<IOptions<ProcessorOptions>>().Value.DeadLetterTopic,
            sp.GetRequiredService<ILogger<DeadLetterPublisher>>()));
        builder.AddKafkaConsumer<byte[]?, byte[]?>("kafka",
            settings =>
            {
                settings.Config.GroupId = groupId; // Processor:GroupId names the group, as before
                settings.Config.ClientId ??= clientId;
            },
            (sp, consumer) =>
            {
                var logger = sp.GetRequiredService<ILogger<ProcessorWorker>>();
                var ownership = sp.GetRequiredService<PartitionOwnership>();
                // The handlers run inside Consume() on the worker's thread; ownership decides what may still be committed.
                consumer.SetPartitionsAssignedHandler((c, partitions) =>
                    {
                        ownership.Assigned(partitions);
                        logger.LogInformation("Assigned {Count} partition(s) as member {MemberId}", partitions.Count, c.MemberId);
                    })
                    .SetPartitionsRevokedHandler((c, partitions) =>
                    {
                        if (!IsCurrent(sp, c))
                            return; // a replaced consumer closing: its partitions were given up when it was replaced
                        ownership.Revoked(partitions.Select(p => p.TopicPartition));
                        logger.LogInformation("Revoked {Count} partition(s); their uncommitted messages are left to the next owner", partitions.Count);
                    })
                    .SetPartitionsLostHandler((c, partitions) =>
                    {
                        if (!IsCurrent(sp, c))
                            return;
                        ownership.Revoked(partitions.Select(p => p.TopicPartition));
                        logger.LogWarning("Lost {Count} partition(s) (this member was out of the group); their uncommitted messages are left to the next owner", partitions.Count);
                    })
                    .SetErrorHandler((_, error) => logger.LogWarning("Kafka: {Reason}", error.Reason));
            });
        // The loop's consumer can be replaced by a new one when it stalls (ConsumerStallDetector); registered after
        // AddKafkaConsumer so that IConsumer resolves to it.
        services.Configure<ConsumerStallOptions>(builder.Configuration.GetSection(ConsumerStallOptions.Section));
        services.AddSingleton(sp => new RejoinableConsumer<byte[]?, byte[]?>(
            sp.GetRequiredService<KafkaConsumerFactory<byte[]?, byte[]?>>().Create, sp.GetRequiredService<ILogger<ProcessorWorker>>()));
        services.AddSingleton<IConsumer<byte[]?, byte[]?>>(sp => sp.GetRequiredService<RejoinableConsumer<byte[]?, byte[]?>>());
        services.AddSingleton(sp => new KafkaGroupLagProbe(
            sp.GetRequiredService<KafkaConsumerFactory<byte[]?, byte[]?>>().Config,
            sp.GetRequiredService<IOptions<ProcessorOptions>>().Value.Topic,
            sp.GetRequiredService<ILogger<KafkaGroupLagProbe>>()));
        services.AddSingleton<IGroupLagProbe>(sp => sp.GetRequiredService<KafkaGroupLagProbe>());
        services.AddSingleton<PartitionCoverage>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionCoverage>());
        services.AddSingleton(sp =>
        {
            var consumer = sp.GetRequiredService<RejoinableConsumer<byte[]?, byte[]?>>();
            return new ConsumerStallDetector(sp.GetRequiredService<IGroupLagProbe>(), sp.GetRequiredService<ProcessorStatus>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ConsumerStallOptions>>(),
                sp.GetRequiredService<ILogger<ConsumerStallDetector>>(), () => consumer.Assignment.Count, () =>
                {
                    // The replaced consumer commits nothing more: what it consumed is left to whoever owns its partitions next.
                    sp.GetRequiredService<PartitionOwnership>().Revoked(consumer.Assignment);
                    consumer.Rejoin();
                });
        });
        services.AddSingleton<UserBatchHandler>();
        services.AddSingleton<DeadLetters.DeadLetterTopic>();
        services.AddHostedService<DeadLetters.DeadLetterTopicSize>();
        services.AddHostedService<ProcessorWorker>();

        services.AddHealthChecks()
            .AddCheck<ProcessorStatus>("consumer")
            .AddCheck<PartitionCoverage>("partitions");
        return builder;
    }

    private static bool IsCurrent(IServiceProvider services, IConsumer<byte[]?, byte[]?> consumer) =>
        services.GetRequiredService<RejoinableConsumer<byte[]?, byte[]?>>().IsCurrent(consumer);
}
