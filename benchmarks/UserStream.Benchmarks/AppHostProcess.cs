using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserStream.Testing;

namespace UserStream.Benchmarks;

/// <summary>
/// The pipeline started by the UserStream AppHost (through Aspire.Hosting.Testing, so every port is free and
/// known), every infrastructure resource in its local form, the dashboard receiving telemetry as under `dotnet run`,
/// and the schedule off so only the benchmark's runs flow.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private static readonly string[] Services = ["source", "ingestor", "processor", "api"];

    /// <summary>A topic of the embedded broker for the raw baselines: fresh, and partitioned like users_created.</summary>
    public const string RawTopic = "bench_raw_users";
    private const int RawTopicPartitions = 32;
    private readonly DistributedApplication _app;

    private AppHostProcess(DistributedApplication app)
    {
        _app = app;
        Ingestor = app.GetEndpoint("ingestor", "http");
    }

    public Uri Ingestor { get; }

    /// <summary>This process: the AppHost runs inside it.</summary>
    public int Pid => Environment.ProcessId;

    /// <summary>Starts the pipeline with <paramref name="processors"/> processor and <paramref name="ingestors"/> ingestor replicas.</summary>
    public static async Task<AppHostProcess> StartAsync(bool perfMap, int processors = 1, int ingestors = 1)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.UserStream_AppHost>(
            [
                $"--Processor:Replicas={processors}",
                $"--Ingestor:Replicas={ingestors}",
                $"--ASPNETCORE_URLS=http://localhost:{FreePort.Next()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                "--Ingestion:Schedule:Enabled=false",
                "--Resources:postgres:Mode=local",
                "--Resources:kafka:Mode=local",
                "--Resources:cassandra:Mode=local", // no local Cassandra: users are stored in PostgreSQL
            ],
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            });
        // The testing builder forwards every resource's console to the logger: keep the benchmark's output to its figures.
        // (The AppHost's appsettings name levels per category, which beat a minimum level: name the categories too.
        // PostgreSQL logs to stderr, which would show as errors; a resource that fails shows as a benchmark error.)
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("UserStream.AppHost.Resources", LogLevel.None));
        // The embedded broker creates only the topics it is told of (auto-created ones get 4 partitions of ~5 MiB each,
        // too small for a burst's payloads): have it create the raw baselines' topic at start too.
        if (builder.Resources.FirstOrDefault(r => r.Name == "kafka") is ExecutableResource kafka)
            kafka.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                context.EnvironmentVariables[$"EmbeddedKafka__Topics__{RawTopic}"] = RawTopicPartitions.ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            }));
        if (perfMap)
            foreach (var resource in builder.Resources.OfType<IResourceWithEnvironment>())
                resource.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables["DOTNET_PerfMapEnabled"] = "1";
                    return Task.CompletedTask;
                }));
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        foreach (var service in Services)
            await WaitHealthyAsync(app, service, timeout.Token);
        return new AppHostProcess(app);
    }

    /// <summary>Waits until every replica of <paramref name="service"/> runs and is healthy.</summary>
    private static async Task WaitHealthyAsync(DistributedApplication app, string service, CancellationToken cancellationToken)
    {
        var replicas = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == service).GetReplicaCount();
        var healthy = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name != service)
                continue;
            healthy[update.ResourceId] = update.Snapshot.State?.Text == KnownResourceStates.Running
                && update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
            if (healthy.Count == replicas && healthy.Values.All(h => h))
                return;
        }
    }

    /// <summary>The API key the AppHost generated for the services (its secret parameter api-key).</summary>
    public async Task<string> ApiKeyAsync() =>
        await _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "api-key").GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException("api-key has no value");

    /// <summary>The PostgreSQL connection string the services were given (trust authentication: nothing secret in it).</summary>
    public async Task<string> PostgresConnectionStringAsync() =>
        await _app.GetConnectionStringAsync("postgres") ?? throw new InvalidOperationException("postgres has no connection string");

    /// <summary>The Kafka bootstrap servers the services were given.</summary>
    public async Task<string> KafkaBootstrapServersAsync() =>
        await _app.GetConnectionStringAsync("kafka") ?? throw new InvalidOperationException("kafka has no connection string");

    /// <summary>
    /// Each resource's processes as DCP reports them (a project's `dotnet run` and the service below it), one entry per
    /// replica (named by its resource id) where a service runs several.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, IReadOnlyList<int> Pids)>> ResourceProcessesAsync()
    {
        var result = new List<(string, IReadOnlyList<int>)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new HashSet<string>();
        try
        {
            await foreach (var update in _app.ResourceNotifications.WatchAsync(timeout.Token))
            {
                if (!seen.Add(update.ResourceId))
                    break; // past the replay of current states
                var pid = update.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value;
                if (pid is not null)
                {
                    var root = Convert.ToInt32(pid, CultureInfo.InvariantCulture);
                    var name = update.Resource.GetReplicaCount() > 1 ? update.ResourceId : update.Resource.Name;
                    result.Add((name, [root, .. LinuxProcesses.Descendants(root)]));
                }
            }
        }
        catch (OperationCanceledException) { }
        return result;
    }

    /// <summary>Runs one of <paramref name="resource"/>'s commands on every replica (as the dashboard's button does), failing loudly.</summary>
    public async Task ExecuteCommandAsync(string resource, string command)
    {
        var target = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var result = await _app.ResourceCommands.ExecuteCommandAsync(target, command);
        if (!result.Success)
            throw new InvalidOperationException($"the {command} command on {resource} failed: {result.Message}");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
