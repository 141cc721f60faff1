using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using UserStream.Cql.TestServer.Data;
using UserStream.Cql.TestServer.Execution;
using UserStream.Cql.TestServer.Protocol;

namespace UserStream.Cql.TestServer;

/// <summary>
/// A test double for a one-node Cassandra cluster: an in-memory server speaking CQL native
/// protocol v4 on 127.0.0.1, with its own frame codec and just enough CQL for the user store and
/// for drivers' connect-time queries. Tests only; never a runtime option.
/// </summary>
public sealed class CqlTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Database _database = new();
    private readonly ConcurrentDictionary<string, PreparedStatementInfo> _prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServerConnection, Task> _connections = new();
    private readonly ConcurrentDictionary<CqlRequestKind, long> _requestCounts = new();
    private readonly Task _acceptLoop;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private CqlTestServer(CqlTestServerOptions options)
    {
        Options = options;
        Executor = new StatementExecutor(_database);
        SystemTables.Create(_database, options, IPAddress.Loopback);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Starts a server on 127.0.0.1 at a free port.</summary>
    public static CqlTestServer Start(CqlTestServerOptions? options = null) => new(options ?? new CqlTestServerOptions());

    /// <summary>The address the server listens on.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port the operating system chose.</summary>
    public int Port { get; }

    /// <summary>The options the server was started with.</summary>
    public CqlTestServerOptions Options { get; }

    /// <summary>Injected errors and delays.</summary>
    public CqlTestServerFaults Faults { get; } = new();

    /// <summary>Connections currently open.</summary>
    public int OpenConnections => _connections.Count;

    internal StatementExecutor Executor { get; }

    /// <summary>A connection string in the form UserStream reads (<c>ConnectionStrings__cassandra</c>).</summary>
    public string ConnectionString(string keyspace = "user_stream")
    {
        var credentials = Options.RequiresCredentials ? $";Username={Options.Username};Password={Options.Password}" : "";
        return $"Contact Points={Host};Port={Port}{credentials};Default Keyspace={keyspace}";
    }

    /// <summary>How many requests of a kind the server has received since it started.</summary>
    public long RequestCount(CqlRequestKind kind) => _requestCounts.GetValueOrDefault(kind);

    /// <summary>Closes every open connection at once, as a node crash would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Keys) connection.Close();
    }

    /// <summary>Forgets every prepared statement, so the next EXECUTE of one is answered UNPREPARED.</summary>
    public void ForgetPreparedStatements() => _prepared.Clear();

    /// <summary>The replication options a keyspace was created with; null when it does not exist.</summary>
    public IReadOnlyDictionary<string, string>? KeyspaceReplication(string keyspace)
    {
        lock (_database.Sync) return _database.Keyspaces.GetValueOrDefault(keyspace)?.Replication;
    }

    /// <summary>Whether a table exists.</summary>
    public bool TableExists(string keyspace, string table)
    {
        lock (_database.Sync) return _database.Keyspaces.GetValueOrDefault(keyspace)?.Tables.ContainsKey(table) ?? false;
    }

    /// <summary>How many rows a table holds (0 when it does not exist).</summary>
    public int RowCount(string keyspace, string table)
    {
        lock (_database.Sync) return _database.Keyspaces.GetValueOrDefault(keyspace)?.Tables.GetValueOrDefault(table)?.Count ?? 0;
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        _listener.Stop();
        DropConnections();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(_connections.Values);
        _stopping.Dispose();
    }

    internal void Count(Opcode opcode)
    {
        CqlRequestKind? kind = opcode switch
        {
            Opcode.Options => CqlRequestKind.Options,
            Opcode.Startup => CqlRequestKind.Startup,
            Opcode.AuthResponse => CqlRequestKind.AuthResponse,
            Opcode.Register => CqlRequestKind.Register,
            Opcode.Query => CqlRequestKind.Query,
            Opcode.Prepare => CqlRequestKind.Prepare,
            Opcode.Execute => CqlRequestKind.Execute,
            Opcode.Batch => CqlRequestKind.Batch,
            _ => null,
        };
        if (kind is { } k) _requestCounts.AddOrUpdate(k, 1, (_, n) => n + 1);
    }

    internal void Remember(PreparedStatementInfo prepared) => _prepared[Convert.ToHexString(prepared.Id)] = prepared;

    internal PreparedStatementInfo Lookup(byte[] id) =>
        _prepared.TryGetValue(Convert.ToHexString(id), out var prepared)
            ? prepared
            : throw new CqlRequestException(CqlServerError.Unprepared(id));

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            socket.NoDelay = true;
            var connection = new ServerConnection(socket, this);
            _connections[connection] = RunConnectionAsync(connection);
        }
    }

    private async Task RunConnectionAsync(ServerConnection connection)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync();
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }
}
