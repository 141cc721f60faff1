using System.Net;
using System.Net.Sockets;
using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer;

/// <summary>
/// Several <see cref="CqlTestServer"/> nodes forming one cluster, as Cassandra nodes do: each on its own
/// loopback address (127.0.0.1, 127.0.0.2, …) and the same port, each with its own prepared-statement
/// cache and its own <c>system.local</c>, listing the others in <c>system.peers</c>; all share the data
/// (every keyspace behaves as if replicated to every node, so a consistency level is met by counting the nodes running:
/// with one of three down QUORUM still succeeds, with two down it is UNAVAILABLE).
/// </summary>
public sealed class CqlTestCluster : IAsyncDisposable
{
    private const int PortAttempts = 20;

    private CqlTestCluster(IReadOnlyList<CqlTestServer> nodes)
    {
        Nodes = nodes;
        foreach (var node in nodes)
            node.Cluster = this; // a coordinator refuses levels the nodes still running cannot meet
    }

    /// <summary>The nodes, in address order (node 0 is 127.0.0.1).</summary>
    public IReadOnlyList<CqlTestServer> Nodes { get; }

    /// <summary>The port every node listens on.</summary>
    public int Port => Nodes[0].Port;

    /// <summary>The nodes' addresses, comma-separated, as a connection string's <c>Contact Points</c>.</summary>
    public string ContactPoints => string.Join(",", Nodes.Select(n => n.Host));

    /// <summary>
    /// Starts <paramref name="nodeCount"/> nodes on 127.0.0.1 … 127.0.0.N at one free port, node i in
    /// <paramref name="dataCenters"/>[i] when given (else all in the options' data centre).
    /// </summary>
    public static CqlTestCluster Start(int nodeCount, CqlTestServerOptions? options = null, IReadOnlyList<string>? dataCenters = null)
    {
        if (dataCenters is not null && dataCenters.Count != nodeCount)
            throw new ArgumentException($"{dataCenters.Count} data centres named for {nodeCount} nodes.", nameof(dataCenters));
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeCount, 254);
        options ??= new CqlTestServerOptions();
        for (var attempt = 1; ; attempt++)
        {
            var listeners = TryListen(nodeCount);
            if (listeners is not null) return Create(listeners, options, dataCenters);
            if (attempt == PortAttempts)
                throw new InvalidOperationException($"No port was free on all of 127.0.0.1 … 127.0.0.{nodeCount} after {PortAttempts} attempts.");
        }
    }

    /// <summary>A connection string naming every node (<c>ConnectionStrings__cassandra</c>).</summary>
    public string ConnectionString(string keyspace = "user_stream")
    {
        var options = Nodes[0].Options;
        var credentials = options.RequiresCredentials ? $";Username={options.Username};Password={options.Password}" : "";
        return $"Contact Points={ContactPoints};Port={Port}{credentials};Default Keyspace={keyspace}";
    }

    /// <summary>How many requests of a kind the nodes received together.</summary>
    public long RequestCount(CqlRequestKind kind) => Nodes.Sum(n => n.RequestCount(kind));

    /// <summary>How many requests the nodes answered UNPREPARED together.</summary>
    public long UnpreparedAnswers => Nodes.Sum(n => n.UnpreparedAnswers);

    /// <summary>How many rows a table holds (the data is shared, so any node can tell).</summary>
    public int RowCount(string keyspace, string table) => Nodes[0].RowCount(keyspace, table);

    /// <summary>Stops every node.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }

    private static List<TcpListener>? TryListen(int nodeCount)
    {
        var listeners = new List<TcpListener>(nodeCount);
        try
        {
            for (var i = 0; i < nodeCount; i++)
            {
                var port = i == 0 ? 0 : ((IPEndPoint)listeners[0].LocalEndpoint).Port;
                var listener = new TcpListener(new IPAddress([127, 0, 0, (byte)(i + 1)]), port);
                listener.Start();
                listeners.Add(listener);
            }
            return listeners;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            foreach (var listener in listeners) listener.Stop();
            return null;
        }
    }

    private static CqlTestCluster Create(List<TcpListener> listeners, CqlTestServerOptions options, IReadOnlyList<string>? dataCenters)
    {
        var database = new Database();
        SystemTables.CreateShared(database);
        var count = listeners.Count;
        var nodes = listeners.Select((listener, i) =>
        {
            var address = ((IPEndPoint)listener.LocalEndpoint).Address;
            // Murmur3 tokens spread evenly over the ring, so token-aware drivers see every node own a range.
            var token = long.MinValue + (long)((ulong)i * (ulong.MaxValue / (ulong)count));
            var nodeOptions = options with { HostId = i == 0 ? options.HostId : Guid.NewGuid(), DataCenter = dataCenters?[i] ?? options.DataCenter };
            var identity = new NodeIdentity(address, nodeOptions.HostId, nodeOptions.DataCenter, options.ReleaseVersion, token);
            return new CqlTestServer(nodeOptions, database, identity, listener);
        }).ToList();
        foreach (var node in nodes)
        {
            foreach (var peer in nodes.Where(p => p != node)) SystemTables.AddPeer(database, node.LocalSystem, peer.Identity);
        }
        return new CqlTestCluster(nodes);
    }
}
