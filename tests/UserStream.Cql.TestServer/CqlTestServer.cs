using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using UserStream.Cql.TestServer.Data;
using UserStream.Cql.TestServer.Execution;
using UserStream.Cql.TestServer.Protocol;

namespace UserStream.Cql.TestServer;

/// <summary>
/// A test double for a Cassandra node: an in-memory server speaking CQL native protocol v4, with its
/// own frame codec and just enough CQL for the user store and for drivers' connect-time queries. Alone
/// it is a one-node cluster on 127.0.0.1; <see cref="CqlTestCluster"/> starts several that share their
/// data, each with its own address and its own prepared-statement cache. Tests only; never a runtime option.
/// </summary>
public sealed class CqlTestServer : IAsyncDisposable
{
    private readonly Database _database;
    private readonly ConcurrentDictionary<string, PreparedStatementInfo> _prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ServerConnection, Task> _connections = new();
    private readonly ConcurrentDictionary<CqlRequestKind, long> _requestCounts = new();
    private readonly Lock _lifecycle = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private CancellationTokenSource _stopping = new();
    private long _unpreparedAnswers;
    private int _disposed;

    internal CqlTestServer(CqlTestServerOptions options, Database database, NodeIdentity identity, TcpListener listener)
    {
        Options = options;
        _database = database;
        Identity = identity;
        LocalSystem = SystemTables.CreateLocal(database, identity, options.ClusterName);
        Executor = new StatementExecutor(database, LocalSystem);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Listen(listener);
    }

    /// <summary>Starts a server on 127.0.0.1 at a free port.</summary>
    public static CqlTestServer Start(CqlTestServerOptions? options = null)
    {
        options ??= new CqlTestServerOptions();
        var database = new Database();
        SystemTables.CreateShared(database);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new CqlTestServer(options, database, new NodeIdentity(IPAddress.Loopback, options.HostId, options.DataCenter, options.ReleaseVersion, 0), listener);
    }

    /// <summary>The address the server listens on.</summary>
    public string Host => Identity.Address.ToString();

    /// <summary>Whether the node is listening (false between <see cref="Shutdown"/> and <see cref="Restart"/>).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lifecycle) return _listener is not null;
        }
    }

    /// <summary>How many requests this node answered UNPREPARED (it did not know a statement id sent to it).</summary>
    public long UnpreparedAnswers => Interlocked.Read(ref _unpreparedAnswers);

    /// <summary>The port the operating system chose.</summary>
    public int Port { get; }

    /// <summary>The options the server was started with.</summary>
    public CqlTestServerOptions Options { get; }

    /// <summary>Injected errors and delays.</summary>
    public CqlTestServerFaults Faults { get; } = new();

    /// <summary>Connections currently open.</summary>
    public int OpenConnections => _connections.Count;

    internal StatementExecutor Executor { get; }

    internal NodeIdentity Identity { get; }

    internal KeyspaceData LocalSystem { get; }

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

    /// <summary>Forgets every prepared statement (as a node evicting its cache), so the next EXECUTE or BATCH of one is answered UNPREPARED.</summary>
    public void ForgetPreparedStatements() => _prepared.Clear();

    /// <summary>Whether this node knows a prepared statement id.</summary>
    public bool KnowsPreparedStatement(byte[] id) => _prepared.ContainsKey(Convert.ToHexString(id));

    /// <summary>
    /// Takes the node down as a shutdown would: stops listening (connecting is refused), closes every
    /// connection and loses the prepared-statement cache. The cluster's data stays.
    /// </summary>
    public void Shutdown()
    {
        TcpListener? listener;
        lock (_lifecycle)
        {
            listener = _listener;
            _listener = null;
        }
        if (listener is null) return;
        _stopping.Cancel();
        listener.Stop();
        DropConnections();
        ForgetPreparedStatements();
    }

    /// <summary>Restarts the node on the same address and port: as <see cref="Shutdown"/>, then listening again.</summary>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        Shutdown();
        var listener = new TcpListener(Identity.Address, Port);
        listener.Start();
        Listen(listener);
    }

    /// <summary>
    /// The cluster this node belongs to, for the replicas a consistency level needs: null for a lone server, whose one
    /// replica (itself) is always there.
    /// </summary>
    internal CqlTestCluster? Cluster { get; set; }

    /// <summary>
    /// Refuses a request whose consistency level needs more replicas than are up, as a coordinator does (UNAVAILABLE
    /// with the level, the replicas required and those alive). Every node holds every row, so the replication factor
    /// is the cluster's node count and the replicas alive are the nodes running.
    /// </summary>
    internal void CheckConsistency(short consistency)
    {
        if (Cluster is not { } cluster)
            return;
        var replicas = cluster.Nodes.Count;
        var quorum = replicas / 2 + 1;
        var required = consistency switch
        {
            0x0002 => 2,                   // TWO
            0x0003 => 3,                   // THREE
            0x0004 or 0x0006 or 0x0007 or 0x0008 or 0x0009 => quorum, // QUORUM, LOCAL_QUORUM, EACH_QUORUM, SERIAL, LOCAL_SERIAL
            0x0005 => replicas,            // ALL
            _ => 1,                        // ANY, ONE, LOCAL_ONE
        };
        var alive = cluster.Nodes.Count(n => n.IsRunning);
        if (alive < required)
            throw new CqlRequestException(CqlServerError.Unavailable(consistency, required, alive));
    }

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
        Shutdown();
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

    internal PreparedStatementInfo Lookup(byte[] id)
    {
        if (_prepared.TryGetValue(Convert.ToHexString(id), out var prepared)) return prepared;
        Interlocked.Increment(ref _unpreparedAnswers);
        throw new CqlRequestException(CqlServerError.Unprepared(id));
    }

    private void Listen(TcpListener listener)
    {
        lock (_lifecycle)
        {
            _stopping.Dispose();
            _stopping = new CancellationTokenSource();
            _listener = listener;
            _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping);
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
