using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;
using UserStream.AppHost.Processes;
using UserStream.Hosting;

namespace UserStream.AppHost.Infrastructure;

/// <summary>
/// A resource run from its official image by Docker or Podman. The engine client runs in the foreground
/// as our child (its output is the container's log); stopping asks the engine to stop the container.
/// </summary>
public sealed class ContainerInfrastructure : IRunningInfrastructure
{
    private readonly string _engine;
    private readonly ContainerSpec _spec;
    private readonly ChildProcess _client;

    private ContainerInfrastructure(string engine, ContainerSpec spec, ChildProcess client, ResourceConnection connection, IReadinessProbe probe)
    {
        _engine = engine;
        _spec = spec;
        _client = client;
        Connection = connection;
        Endpoints = [connection.ConnectionString ?? "", $"container {spec.ContainerName} ({spec.Image})"];
        Probe = probe;
    }

    public ResourceConnection Connection { get; }
    public IReadOnlyList<string> Endpoints { get; }
    public IReadinessProbe Probe { get; }
    public int? Pid => _client.Pid;

    /// <param name="engine">docker or podman.</param>
    /// <param name="spec">What to run.</param>
    /// <param name="connection">What the services get once it is up.</param>
    /// <param name="readyAlsoWhen">A probe to pass after the container's own health check (e.g. a real query).</param>
    /// <param name="log">Where the container's output goes.</param>
    /// <param name="cancellationToken">Stops waiting for the leftover removal.</param>
    public static async Task<IRunningInfrastructure> StartAsync(
        string engine, ContainerSpec spec, ResourceConnection connection, IReadinessProbe? readyAlsoWhen, ResourceLog log, CancellationToken cancellationToken)
    {
        try
        {
            await CommandRunner.RunAsync(engine, ContainerCommandLine.RemoveLeftover(spec.ContainerName), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Nothing left over: the usual case.
        }

        var arguments = ContainerCommandLine.Run(spec);
        log.Write($"{engine} {string.Join(' ', arguments)}");
        var client = await ChildProcess.StartAsync(engine, arguments, spec.SecretEnvironment, null, (line, error) => log.Write(line, error));
        IReadinessProbe health = new ContainerHealthProbe(engine, spec.ContainerName);
        var probe = readyAlsoWhen is null ? health : new SequentialProbe(health, readyAlsoWhen);
        return new ContainerInfrastructure(engine, spec, client, connection, probe);
    }

    public string? GiveUpReason() =>
        _client.HasExited ? $"`{_engine} run` exited with code {_client.Exited.Result}" : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await CommandRunner.RunAsync(_engine, ContainerCommandLine.Stop(_spec.ContainerName, 10), timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or the engine did not answer: the client is stopped below either way.
        }
        await _client.StopAsync(TimeSpan.FromSeconds(5));
    }
}
