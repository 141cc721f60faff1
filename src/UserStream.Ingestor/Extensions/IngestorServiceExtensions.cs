using Confluent.Kafka;
using Npgsql;
using UserStream.Ingestor.Api;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Ingestor.Scheduling;
using UserStream.Ingestor.Source;
using UserStream.Kafka;
using UserStream.ServiceDefaults;

namespace UserStream.Ingestor.Extensions;

public static class IngestorServiceExtensions
{
    public static IHostApplicationBuilder AddIngestorServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var postgres = configuration.GetRequiredConnectionString("postgres");
        var kafka = configuration.GetRequiredConnectionString("kafka");
        var sourceUri = configuration.GetRequiredServiceUri("source");
        var clientId = configuration["OTEL_SERVICE_NAME"] ?? "ingestor";

        services.Configure<IngestionOptions>(configuration.GetSection(IngestionOptions.Section));
        services.Configure<SourceClientOptions>(configuration.GetSection(SourceClientOptions.Section));
        services.Configure<OutboxRelayOptions>(configuration.GetSection(OutboxRelayOptions.Section));
        services.Configure<OutboxRetentionOptions>(configuration.GetSection(OutboxRetentionOptions.Section));
        services.Configure<ScheduleOptions>(configuration.GetSection(ScheduleOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestorMetrics>();

        services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
        services.AddSingleton<RunLedger>();
        services.AddSingleton<LedgerReadiness>();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<StartRunRequestReader>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IngestionRunner>();
        services.AddHttpClient<RandomUserSourceClient>(http =>
        {
            http.BaseAddress = sourceUri;
            http.Timeout = Timeout.InfiniteTimeSpan; // per-attempt timeouts come from the resilience pipeline
        });

        services.AddSingleton(sp => new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(kafka, clientId))
            .SetErrorHandler((_, error) => sp.GetRequiredService<ILogger<OutboxRelay>>().LogWarning("Kafka: {Reason}", error.Reason))
            .Build());

        services.AddHostedService<RunWorker>();
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<OutboxCleaner>();
        services.AddHostedService<IngestionScheduler>();

        services.AddHealthChecks()
            .AddCheck<LedgerReadiness>("ledger")
            .AddCheck("kafka", new KafkaHealthCheck(kafka));
        services.AddOpenApi();
        return builder;
    }
}
