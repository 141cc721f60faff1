using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// One UserStream AppHost for the whole collection, started through Aspire.Hosting.Testing with the real
/// dashboard on free ports (the testing builder randomizes every proxied port) and the ingestion schedule
/// off, so only the tests' runs flow. It runs scaled out, as <c>./run.sh --Processor:Replicas=3 --Ingestor:Replicas=2</c>
/// would: every test meets several processors in one group and several ingestors on one ledger.
/// </summary>
public sealed partial class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["source", "ingestor", "processor", "api"];
    public const int ProcessorReplicas = 3;
    public const int IngestorReplicas = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly LogCapture _logs = new();

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The dashboard login URL with its token, as the AppHost logged it.</summary>
    public Uri LoginUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var dashboard = $"http://localhost:{FreePort.Next()}";
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.UserStream_AppHost>(
            [
                $"--ASPNETCORE_URLS={dashboard}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
                "--Ingestion:Schedule:Enabled=false",
                $"--Processor:Replicas={ProcessorReplicas}",
                $"--Ingestor:Replicas={IngestorReplicas}",
                // Quick restarts so the crash test does not wait long; the give-up rule is unit-tested.
                "--RestartOnCrash:Backoff=00:00:00.500",
            ],
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            });
        builder.Services.AddLogging(logging => logging.AddProvider(_logs));
        App = await builder.BuildAsync();
        await App.StartAsync().WaitAsync(StartTimeout);
        foreach (var service in Services)
            await WaitHealthyAsync(service, StartTimeout);
        var login = _logs.Messages.Select(m => LoginUrlPattern().Match(m)).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException("the AppHost logged no dashboard login URL");
        LoginUrl = new Uri(login.Value);
        ApiKey = await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "api-key").GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException("api-key has no value");
    }

    /// <summary>What the AppHost has logged so far (Information and above), as formatted messages.</summary>
    public IReadOnlyCollection<string> AppHostLogs => _logs.Messages;

    /// <summary>The API key the AppHost generated for this start (its secret parameter api-key).</summary>
    public string ApiKey { get; private set; } = null!;

    /// <summary>A client of <paramref name="resource"/>'s http endpoint that sends the API key, as the operator would.</summary>
    public HttpClient Client(string resource) => ServiceProcess.WithApiKey(App.CreateHttpClient(resource, "http"), ApiKey);

    /// <summary>A client of <paramref name="resource"/>'s http endpoint without the API key.</summary>
    public HttpClient AnonymousClient(string resource) => App.CreateHttpClient(resource, "http");

    /// <summary>How many instances of <paramref name="resource"/> the AppHost runs.</summary>
    public int ReplicaCount(string resource) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource).GetReplicaCount();

    /// <summary>The newest state of every replica of <paramref name="resource"/>, ordered by resource id.</summary>
    public async Task<IReadOnlyList<ResourceEvent>> ReplicasAsync(string resource)
    {
        var count = ReplicaCount(resource);
        var latest = new Dictionary<string, ResourceEvent>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            // WatchAsync replays the current state of every resource id first.
            await foreach (var update in App.ResourceNotifications.WatchAsync(timeout.Token))
            {
                if (update.Resource.Name != resource)
                    continue;
                latest.TryAdd(update.ResourceId, update);
                if (latest.Count == count)
                    break;
            }
        }
        catch (OperationCanceledException) { }
        return latest.Count == count
            ? [.. latest.Values.OrderBy(e => e.ResourceId, StringComparer.Ordinal)]
            : throw new InvalidOperationException($"{resource}: states of {latest.Count} of its {count} replicas");
    }

    /// <summary>
    /// The newest state Aspire published for <paramref name="resource"/>: a resource's name when it runs once, or one
    /// replica's resource id (see <see cref="ReplicasAsync"/>).
    /// </summary>
    public async Task<ResourceEvent> CurrentStateAsync(string resource)
    {
        var byName = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.FirstOrDefault(r => r.Name == resource);
        if (byName is not null && byName.GetReplicaCount() > 1)
            throw new InvalidOperationException($"{resource} runs {byName.GetReplicaCount()} replicas: name one by its resource id");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        ResourceEvent? latest = null;
        try
        {
            await foreach (var update in App.ResourceNotifications.WatchAsync(timeout.Token))
            {
                if (update.ResourceId != resource && (byName is null || update.Resource.Name != resource))
                    continue;
                latest = update;
                // WatchAsync replays the current states first; the first one for this resource is its current one.
                break;
            }
        }
        catch (OperationCanceledException) { }
        return latest ?? throw new InvalidOperationException($"no state for {resource}");
    }

    /// <summary>Waits until every replica of <paramref name="resource"/> runs and is healthy.</summary>
    public async Task WaitHealthyAsync(string resource, TimeSpan timeout)
    {
        var count = ReplicaCount(resource);
        var healthy = new Dictionary<string, bool>(StringComparer.Ordinal);
        using var cancel = new CancellationTokenSource(timeout);
        await foreach (var update in App.ResourceNotifications.WatchAsync(cancel.Token))
        {
            if (update.Resource.Name != resource)
                continue;
            healthy[update.ResourceId] = update.Snapshot.State?.Text == KnownResourceStates.Running
                && update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
            if (healthy.Count == count && healthy.Values.All(h => h))
                return;
        }
    }

    /// <summary>Waits until the replica (or single resource) <paramref name="resourceId"/> runs and is healthy.</summary>
    public async Task WaitReplicaHealthyAsync(string resourceId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await foreach (var update in App.ResourceNotifications.WatchAsync(cancel.Token))
        {
            if (update.ResourceId == resourceId && update.Snapshot.State?.Text == KnownResourceStates.Running
                && update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                return;
        }
    }

    /// <summary>A client of one replica's own address (not the proxy, which spreads requests), with the API key.</summary>
    public async Task<HttpClient> ReplicaClientAsync(string resourceId)
    {
        var state = await CurrentStateAsync(resourceId);
        var urls = state.Snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == "ASPNETCORE_URLS")?.Value
            ?? throw new InvalidOperationException($"{resourceId} has no ASPNETCORE_URLS");
        return ServiceProcess.WithApiKey(new HttpClient { BaseAddress = new Uri(urls.Split(';')[0]), Timeout = TimeSpan.FromSeconds(30) }, ApiKey);
    }

    /// <summary>The process id DCP reports for <paramref name="resource"/> (for a project: its built executable, see RunBuiltProjects).</summary>
    public async Task<int> ProcessIdAsync(string resource)
    {
        var state = await CurrentStateAsync(resource);
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal))?.Value
            ?? throw new InvalidOperationException($"{resource} reports no pid: {string.Join(", ", state.Snapshot.Properties.Select(p => p.Name))}");
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The service's own process: the one DCP started, which runs UserStream.&lt;Name&gt; from its build output.</summary>
    public async Task<int> ServiceProcessIdAsync(string resource, string assembly)
    {
        var pid = await ProcessIdAsync(resource);
        return LinuxProcesses.CommandLine(pid).Contains($"/{assembly}", StringComparison.Ordinal)
            ? pid
            : throw new InvalidOperationException($"{resource}'s process {pid} does not run {assembly}: {LinuxProcesses.CommandLine(pid)}");
    }

    /// <summary>The service processes of every replica of <paramref name="resource"/>.</summary>
    public async Task<IReadOnlyList<int>> ServiceProcessIdsAsync(string resource, string assembly)
    {
        var pids = new List<int>();
        foreach (var replica in await ReplicasAsync(resource))
            pids.Add(await ServiceProcessIdAsync(replica.ResourceId, assembly));
        return pids;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        _logs.Dispose();
    }

    [GeneratedRegex(@"http://\S+/login\?t=[0-9a-f]+")]
    private static partial Regex LoginUrlPattern();
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
