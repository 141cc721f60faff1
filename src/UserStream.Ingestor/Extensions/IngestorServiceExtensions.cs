using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Ingestor.Api;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Ingestor.Scheduling;
using UserStream.Ingestor.Source;
using UserStream.ServiceDefaults;

namespace UserStream.Ingestor.Extensions;

public static class IngestorServiceExtensions
{
    public static IHostApplicationBuilder AddIngestorServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var clientId = configuration["OTEL_SERVICE_NAME"] ?? "ingestor";

        services.Configure<IngestionOptions>(configuration.GetSection(IngestionOptions.Section));
        services.Configure<OutboxRelayOptions>(configuration.GetSection(OutboxRelayOptions.Section));
        services.Configure<OutboxRetentionOptions>(configuration.GetSection(OutboxRetentionOptions.Section));
        services.AddOptions<ScheduleOptions>().Bind(configuration.GetSection(ScheduleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();
        services.AddOptions<RunRetryOptions>().Bind(configuration.GetSection(RunRetryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunRetryOptions>, RunRetryOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IngestorMetrics>();

        builder.AddNpgsqlDataSource("postgres", configureDataSourceBuilder: dataSource => dataSource.ConfigureTracing(tracing => tracing
            // Background polling (relay, clean-up, schema checks) has no span of its own: tracing each of its
            // commands as a trace of its own would bury the pipeline's traces in the dashboard. Commands inside
            // a run, a request or a consumed batch are still traced, as children of that span.
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null)));
        // One owner per process: the runs it claims in the ledger carry its id and a lease it renews.
        services.AddSingleton(sp => RunOwner.New(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.RunLease));
        services.AddSingleton<ScheduleState>();
        services.AddSingleton(sp => new RunLedger(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<RunOwner>(), sp.GetRequiredService<IngestorMetrics>()));
        services.AddSingleton<LedgerReadiness>();
        services.AddSingleton<LedgerRetry>();
        services.AddSingleton<LedgerUnavailableFilter>();
        services.AddSingleton<RunQueue>();
        services.AddSingleton<StartRunRequestReader>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IngestionRunner>();
        builder.AddRandomUserSourceClient();

        builder.AddKafkaProducer<string, byte[]>("kafka",
            settings => settings.Config.ClientId ??= clientId,
            (sp, producer) => producer.SetErrorHandler((_, error) => sp.GetRequiredService<ILogger<OutboxRelay>>().LogWarning("Kafka: {Reason}", error.Reason)));

        services.AddHostedService<RunWorker>();
        services.AddHostedService<RunSweeper>();
        services.AddHostedService<OutboxRelay>();
        services.AddHostedService<OutboxCleaner>();
        services.AddHostedService<IngestionScheduler>();

        services.AddHealthChecks()
            .AddCheck<LedgerReadiness>("ledger");
        services.AddOpenApi();
        return builder;
    }
}
