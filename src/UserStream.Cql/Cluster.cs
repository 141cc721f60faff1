using UserStream.Cql.Connections;

namespace UserStream.Cql;

/// <summary>
/// The entry point, shaped like DataStax's: <c>Cluster.Builder()…Build()</c> or
/// <c>Cluster.FromConnectionString(…)</c>, then <c>await cluster.ConnectAsync()</c> for a session.
/// Disposing the cluster closes every session it opened.
/// </summary>
public sealed class Cluster : IDisposable, IAsyncDisposable
{
    private readonly List<CqlSession> _sessions = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    internal Cluster(ClusterConfiguration configuration)
    {
        Configuration = configuration;
        Hosts = [.. configuration.ContactPoints.Select(p => new Host(p.Host, p.Port, configuration.ReconnectionPolicy, configuration.TimeProvider))];
        ConnectionSettings = new ConnectionSettings(
            configuration.Username,
            configuration.Password,
            TimeSpan.FromMilliseconds(configuration.SocketOptions.ConnectTimeoutMillis),
            TimeSpan.FromMilliseconds(configuration.SocketOptions.ReadTimeoutMillis),
            configuration.PoolingOptions.MaxRequestsPerConnection,
            configuration.Ssl);
    }

    /// <summary>Starts configuring a cluster.</summary>
    public static Builder Builder() => new();

    /// <summary>A cluster from <c>Contact Points=…;Port=…;Username=…;Password=…;Default Keyspace=…</c>.</summary>
    public static Cluster FromConnectionString(string connectionString) => new Builder().WithConnectionString(connectionString).Build();

    /// <summary>The keyspace sessions use when ConnectAsync names none.</summary>
    public string? DefaultKeyspace => Configuration.DefaultKeyspace;

    internal ClusterConfiguration Configuration { get; }

    internal ConnectionSettings ConnectionSettings { get; }

    internal IReadOnlyList<Host> Hosts { get; }

    /// <summary>The contact points and whether each is up.</summary>
    public IReadOnlyList<Host> AllHosts() => Hosts;

    /// <summary>
    /// Opens a session: connects to the hosts (at least one must answer the handshake) and switches to
    /// <paramref name="keyspace"/>, or the default keyspace, when given.
    /// </summary>
    /// <exception cref="NoHostAvailableException">No host could be reached.</exception>
    /// <exception cref="AuthenticationException">A host refused the credentials.</exception>
    /// <exception cref="UnsupportedProtocolVersionException">A host cannot speak protocol v4.</exception>
    public async Task<ISession> ConnectAsync(string? keyspace = null, CancellationToken cancellationToken = default)
    {
        var session = new CqlSession(this, keyspace ?? DefaultKeyspace);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _sessions.Add(session);
        }
        try
        {
            await session.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal void Forget(CqlSession session)
    {
        lock (_gate) _sessions.Remove(session);
    }

    /// <summary>Closes every session.</summary>
    public async Task ShutdownAsync()
    {
        CqlSession[] sessions;
        lock (_gate)
        {
            _disposed = true;
            sessions = [.. _sessions];
        }
        foreach (var session in sessions) await session.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ShutdownAsync());

    /// <inheritdoc />
    public void Dispose() => ShutdownAsync().GetAwaiter().GetResult();
}
