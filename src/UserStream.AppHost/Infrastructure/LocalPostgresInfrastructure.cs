using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;
using UserStream.AppHost.Processes;
using UserStream.Hosting;

namespace UserStream.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL without a container engine: a throwaway cluster from the installed binaries in a temporary
/// directory (deleted at shutdown), its server log copied into the resource log, and a guard process
/// that stops it and deletes the directory if the AppHost is killed hard.
/// </summary>
public sealed class LocalPostgresInfrastructure : IRunningInfrastructure
{
    private readonly LocalPostgresServer _server;
    private readonly ChildProcess? _guard;
    private readonly CancellationTokenSource _stopTailing = new();
    private readonly Task _tail;

    private LocalPostgresInfrastructure(LocalPostgresServer server, ChildProcess? guard, ResourceLog log)
    {
        _server = server;
        _guard = guard;
        var connectionString = server.ConnectionString();
        Connection = new ResourceConnection(connectionString, null);
        Endpoints = [connectionString];
        Probe = new PostgresProbe(connectionString);
        _tail = LogFileTail.FollowAsync(server.LogFile, line => log.Write(line), _stopTailing.Token);
    }

    public ResourceConnection Connection { get; }
    public IReadOnlyList<string> Endpoints { get; }
    public IReadinessProbe Probe { get; }
    public int? Pid => _server.ProcessId;

    /// <summary>The temporary directory (data, socket, log) that shutdown deletes.</summary>
    public string RootDirectory => _server.RootDirectory;

    public static async Task<IRunningInfrastructure> StartAsync(int? port, ResourceLog log, CancellationToken cancellationToken)
    {
        log.Write($"starting a local PostgreSQL from {LocalPostgresServer.FindBinDirectory()} (throwaway data directory)");
        var server = await LocalPostgresServer.StartAsync(port, cancellationToken);
        try
        {
            var guard = await ParentDeathGuard.StartAsync(server.EmergencyCleanupCommand());
            return new LocalPostgresInfrastructure(server, guard, log);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string? GiveUpReason() => null;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stopTailing.CancelAsync();
        await _tail.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _guard?.Kill();
        _stopTailing.Dispose();
    }
}
