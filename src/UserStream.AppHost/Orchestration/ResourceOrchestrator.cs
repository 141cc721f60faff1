using System.Data.Common;
using Microsoft.Extensions.Hosting;
using UserStream.AppHost.Configuration;
using UserStream.AppHost.Infrastructure;
using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;

namespace UserStream.AppHost.Orchestration;

/// <summary>
/// Starts every resource in dependency order — each one as soon as what it waits for is ready — and
/// stops them at shutdown: services first, then infrastructure, within <see cref="AppHostSettings.ShutdownTimeout"/>.
/// </summary>
public sealed class ResourceOrchestrator(
    ApplicationPlan plan,
    ResourceRegistry registry,
    AppHostSettings settings,
    ConsoleEcho echo,
    string environmentName) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ServiceGrace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new();
    private readonly Dictionary<Resource, IRunningInfrastructure> _infrastructure = [];
    private readonly Dictionary<Resource, ServiceSupervisor> _supervisors = [];
    private readonly Dictionary<Resource, Task> _runs = [];
    private readonly object _gate = new();
    private Task _startAll = Task.CompletedTask;
    private int _stopped;

    /// <summary>Completes once every resource is healthy, failed or skipped (after the start-up table is printed).</summary>
    public Task StartedAll => _startAll;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _startAll = Task.Run(StartAllAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        echo.Announce("Stopping: services first, then infrastructure…");
        await _stopping.CancelAsync();
        using var bound = new CancellationTokenSource(settings.ShutdownTimeout);

        ServiceSupervisor[] supervisors;
        lock (_gate) supervisors = _supervisors.Values.ToArray();
        await WithinAsync(Task.WhenAll(supervisors.Select(s => s.StopAsync(ServiceGrace))), bound.Token);
        Task[] runs;
        lock (_gate) runs = _runs.Values.ToArray();
        await WithinAsync(Task.WhenAll(runs), bound.Token);

        foreach (var resource in plan.Order.Reverse())
        {
            IRunningInfrastructure? running;
            lock (_gate) _infrastructure.Remove(resource, out running);
            if (running is null)
                continue;
            await WithinAsync(running.DisposeAsync().AsTask(), bound.Token);
            registry.Get(resource).SetProcess(null);
            registry.Get(resource).SetState(ResourceState.Stopped);
        }
        echo.Announce("Stopped.");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task StartAllAsync()
    {
        lock (_gate)
            foreach (var resource in plan.Order)
                _runs[resource] = Task.Run(() => StartAsync(resource), CancellationToken.None);

        await Task.WhenAll(plan.Order.Select(r => registry.Get(r).Ready));
        if (!_stopping.IsCancellationRequested)
            echo.Announce(StartupTable.Render(registry, plan.DashboardPort));
    }

    private async Task StartAsync(Resource resource)
    {
        var status = registry.Get(resource);
        status.Mode = plan.Modes[resource];
        if (resource is ProjectResource service)
            status.SetAllocated(new ResourceConnection(null, BaseUrl(service).ToString().TrimEnd('/')), [BaseUrl(service).ToString()]);

        foreach (var dependency in resource.WaitsFor)
        {
            var dependencyStatus = registry.Get(dependency);
            if (!await dependencyStatus.Ready)
            {
                status.SetUnallocated();
                status.SetState(ResourceState.Failed, $"not started: {dependency.Name} is {dependencyStatus.State.ToString().ToLowerInvariant()}");
                echo.Announce($"{resource.Name} not started: it waits for {dependency.Name}, which did not come up.", warning: true);
                return;
            }
        }
        if (_stopping.IsCancellationRequested)
            return;

        switch (resource)
        {
            case InfrastructureResource infrastructure:
                await StartInfrastructureAsync(infrastructure, status);
                break;
            case ProjectResource project:
                await RunServiceAsync(project, status);
                break;
        }
    }

    private async Task StartInfrastructureAsync(InfrastructureResource resource, ResourceStatus status)
    {
        var mode = plan.Modes[resource];
        if (resource.Kind == InfrastructureKind.Cassandra && mode == ResourceMode.Local)
        {
            status.MarkNotProvided(CassandraFallback.Note);
            echo.Announce(CassandraFallback.Banner, warning: true);
            return;
        }

        var timeout = settings.StartTimeout(resource.Name, mode == ResourceMode.Container ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(60));
        status.SetState(ResourceState.Starting);
        IRunningInfrastructure running;
        try
        {
            running = await InfrastructureStarter.StartAsync(resource, mode, plan, settings, registry.Masker, status.Log, _stopping.Token);
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            FailInfrastructure(status, $"{resource.Name} ({mode.ToString().ToLowerInvariant()}) could not be started: {e.Message}");
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate) _infrastructure[resource] = running;
        if (_stopping.IsCancellationRequested)
            return;
        RegisterSecrets(running.Connection.ConnectionString);
        status.MarkStarted();
        status.SetProcess(running.Pid);
        status.SetAllocated(running.Connection, running.Endpoints);
        status.SetState(ResourceState.Running);

        try
        {
            var outcome = await ReadinessWait.UntilReadyAsync(running.Probe, timeout, TimeSpan.FromMilliseconds(500), _stopping.Token, running.GiveUpReason);
            if (outcome.IsReady)
            {
                status.SetState(ResourceState.Healthy);
                echo.Announce($"{resource.Name} is healthy ({mode.ToString().ToLowerInvariant()})");
            }
            else
            {
                FailInfrastructure(status, $"{resource.Name} ({mode.ToString().ToLowerInvariant()}) did not become ready within {timeout.TotalSeconds:0} s: {outcome.LastError}. " +
                    $"Raise Resources:{resource.Name}:StartTimeout if it only needs longer.");
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down while waiting.
        }
    }

    private async Task RunServiceAsync(ProjectResource project, ResourceStatus status)
    {
        var references = new List<(string, ResourceConnection)>();
        foreach (var reference in project.References)
        {
            var connection = await registry.Get(reference).Allocated;
            if (connection.IsAvailable)
                references.Add((reference.Name, connection));
        }
        var environment = ServiceEnvironment.For(project, plan.Ports[project], references, plan.OtlpEndpoint, environmentName);
        status.SetEnvironment(environment);

        var supervisor = new ServiceSupervisor(project, status, BaseUrl(project), environment,
            settings.StartTimeout(project.Name, TimeSpan.FromSeconds(90)), RestartPolicy.Default, _http,
            message => echo.Announce(registry.Masker.Apply(message), warning: message.StartsWith("FAILED", StringComparison.Ordinal)));
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
                return;
            _supervisors[project] = supervisor;
        }
        await supervisor.RunAsync();
    }

    private void FailInfrastructure(ResourceStatus status, string reason)
    {
        status.SetUnallocated();
        status.SetState(ResourceState.Failed, reason);
        echo.Announce(registry.Masker.Apply($"FAILED: {reason}{Environment.NewLine}  last lines of {status.Name}:{Environment.NewLine}{status.Log.LastLines()}"), warning: true);
    }

    private void RegisterSecrets(string? connectionString)
    {
        if (connectionString is null)
            return;
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "Pwd" })
                if (builder.TryGetValue(key, out var value))
                    registry.Masker.Register(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (ArgumentException)
        {
            // Not key=value shaped (Kafka's host:port list): nothing to register.
        }
    }

    private Uri BaseUrl(ProjectResource project) => new($"http://127.0.0.1:{plan.Ports[project]}");

    private static async Task WithinAsync(Task task, CancellationToken bound)
    {
        try
        {
            await task.WaitAsync(bound);
        }
        catch (OperationCanceledException)
        {
            // Out of time: what is left is killed by the caller or by the parent-death signal.
        }
        catch (Exception)
        {
            // A resource that fails to stop cleanly must not keep the others running.
        }
    }
}
