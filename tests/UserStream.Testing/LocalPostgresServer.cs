using System.Globalization;
using UserStream.Hosting.PostgreSQL;

namespace UserStream.Testing;

/// <summary>
/// The hosting project's local PostgreSQL (<see cref="LocalPostgresCluster"/>: the installed binaries, initdb, its
/// settings) run with pg_ctl in a throwaway folder, listening on 127.0.0.1 only, with trust authentication, for the
/// tests and the benchmark. <see cref="DisposeAsync"/> stops it and deletes its data.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    /// <summary>The database superuser created by initdb.</summary>
    public const string SuperUser = LocalPostgresCluster.SuperUser;

    private readonly string _binDirectory;
    private string _serverOptions = "";
    private int _stopped;

    private LocalPostgresServer(string binDirectory, string rootDirectory, int port)
    {
        _binDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
    }

    /// <summary>The temporary directory holding the data directory, socket and log.</summary>
    public string RootDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server log file (useful in error messages).</summary>
    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>The postmaster's process id (first line of postmaster.pid), or null when it is not running.</summary>
    public int? ProcessId
    {
        get
        {
            try
            {
                var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
                return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }
    }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>An Npgsql connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Database={database}";

    /// <summary>Creates and starts a cluster on <paramref name="port"/> (a free one when null).</summary>
    /// <param name="port">the TCP port on 127.0.0.1; a free one when null.</param>
    /// <param name="cancellationToken">cancels the start.</param>
    /// <param name="durable">
    /// false (the default): fast and fragile, for throwaway test data (<c>fsync</c>, <c>synchronous_commit</c> and
    /// <c>full_page_writes</c> off: a crash may lose acknowledged commits). true: PostgreSQL's own defaults for those, so a
    /// killed server restarted with <see cref="RestartAsync"/> has every commit it acknowledged.
    /// </param>
    public static async Task<LocalPostgresServer> StartAsync(int? port = null, CancellationToken cancellationToken = default, bool durable = false)
    {
        var bin = LocalPostgresCluster.FindBinDirectory();
        LocalPostgresCluster.RemoveStaleDirectories();
        var root = Directory.CreateTempSubdirectory(LocalPostgresCluster.DirectoryPrefix).FullName;
        var server = new LocalPostgresServer(bin, root, port ?? FreePort.Next());
        try
        {
            await LocalPostgresCluster.InitializeAsync(bin, root, server.DataDirectory, durable, cancellationToken);
            server._serverOptions = string.Join(' ', LocalPostgresCluster.ServerArguments(server.Port, root, durable));
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch (Exception e)
        {
            var log = File.Exists(server.LogFile) ? await File.ReadAllTextAsync(server.LogFile, CancellationToken.None) : "";
            await server.DisposeAsync();
            throw new InvalidOperationException($"Could not start a local PostgreSQL from {bin}: {e.Message}\n{log}".TrimEnd(), e);
        }
    }

    /// <summary>
    /// Starts the server again on the same data directory, port and settings, after it stopped or was killed
    /// (PostgreSQL recovers from its WAL as after a crash).
    /// </summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    private Task<string> StartServerAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "30", "-o", _serverOptions, "start"], cancellationToken);

    /// <summary>Stops the server (fast shutdown) and deletes its directory; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "20", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped or never started; the directory goes either way.
        }
        finally
        {
            try { Directory.Delete(RootDirectory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// A <c>sh</c> command that stops the server at once and deletes its directory. It is meant for a
    /// guard process that runs it when the owner dies without cleaning up: pg_ctl daemonizes postgres,
    /// so the server is no child of the owner and would otherwise survive it.
    /// </summary>
    public string EmergencyCleanupCommand()
    {
        var stop = $"{Quote(Path.Combine(_binDirectory, "pg_ctl"))} -D {Quote(DataDirectory)} -m immediate -w -t 10 stop";
        if (LocalPostgresCluster.RunsAsPostgresUser)
            stop = $"runuser -u {SuperUser} -- {stop}";
        return $"{stop} >/dev/null 2>&1; rm -rf {Quote(RootDirectory)}";
    }

    /// <summary>
    /// Starts a detached watchdog that stops this server and deletes its directory as soon as process
    /// <paramref name="ownerProcessId"/> is gone, however it ended (a clean exit, an unhandled crash, SIGKILL).
    /// The watchdog is no descendant of the owner, so killing the owner's process tree does not take it along.
    /// </summary>
    public async Task StopWhenProcessExitsAsync(int ownerProcessId, CancellationToken cancellationToken = default)
    {
        var owner = ownerProcessId.ToString(CultureInfo.InvariantCulture);
        var watch = $"while kill -0 {owner} 2>/dev/null; do sleep 0.5; done; {EmergencyCleanupCommand()}";
        // The outer shell exits at once; the inner one is re-parented away from the owner and outlives it.
        await CommandRunner.RunAsync("setsid", ["sh", "-c", $"nohup sh -c {Quote(watch)} >/dev/null 2>&1 </dev/null &"], cancellationToken);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Stops the server synchronously (for process-exit handlers, where nothing can be awaited).</summary>
    public void Stop() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        LocalPostgresCluster.RunToolAsync(_binDirectory, tool, arguments, cancellationToken);
}
