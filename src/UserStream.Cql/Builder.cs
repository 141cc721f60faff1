namespace UserStream.Cql;

/// <summary>Configures a <see cref="Cluster"/>, as DataStax's <c>Cluster.Builder()</c>.</summary>
public sealed class Builder
{
    /// <summary>The native protocol's default port.</summary>
    public const int DefaultPort = 9042;

    private readonly List<string> _contactPoints = [];
    private int _port = DefaultPort;
    private string? _username;
    private string? _password;
    private string? _keyspace;
    private SocketOptions _socketOptions = new();
    private PoolingOptions _poolingOptions = new();
    private QueryOptions _queryOptions = new();
    private IReconnectionPolicy _reconnectionPolicy = new ExponentialReconnectionPolicy(1000, 10 * 60 * 1000);
    private TimeProvider _timeProvider = TimeProvider.System;
    private SslOptions? _ssl;
    private string? _localDataCenter;

    /// <summary>Adds a host name or address, optionally as <c>host:port</c>.</summary>
    public Builder AddContactPoint(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        _contactPoints.Add(address.Trim());
        return this;
    }

    /// <summary>Adds several contact points.</summary>
    public Builder AddContactPoints(params string[] addresses)
    {
        foreach (var address in addresses) AddContactPoint(address);
        return this;
    }

    /// <summary>The port for contact points that do not name one; default 9042.</summary>
    public Builder WithPort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _port = port;
        return this;
    }

    /// <summary>Credentials for PasswordAuthenticator (sent as SASL PLAIN when the server asks).</summary>
    public Builder WithCredentials(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        _username = username;
        _password = password;
        return this;
    }

    /// <summary>The keyspace sessions use when ConnectAsync is given none.</summary>
    public Builder WithDefaultKeyspace(string keyspace)
    {
        _keyspace = keyspace;
        return this;
    }

    /// <summary>Applies a connection string (<see cref="CqlConnectionString"/>).</summary>
    public Builder WithConnectionString(string connectionString)
    {
        var parsed = CqlConnectionString.Parse(connectionString);
        AddContactPoints([.. parsed.ContactPoints]);
        if (parsed.Port is { } port) WithPort(port);
        if (parsed.Username is not null) WithCredentials(parsed.Username, parsed.Password ?? "");
        if (parsed.DefaultKeyspace is not null) WithDefaultKeyspace(parsed.DefaultKeyspace);
        if (parsed.Ssl is not null) WithSsl(parsed.Ssl);
        if (parsed.LocalDataCenter is not null) WithLocalDataCenter(parsed.LocalDataCenter);
        return this;
    }

    /// <summary>
    /// Sends requests to the nodes of <paramref name="dataCenter"/> first, round robin among them, and to other nodes
    /// only when none of those takes the request (as DataStax's DC-aware policy with a local data centre). Each node's
    /// data centre is read from its <c>system.local</c> when the session first reaches it; a node not reached yet
    /// counts as remote until it is.
    /// </summary>
    public Builder WithLocalDataCenter(string dataCenter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataCenter);
        _localDataCenter = dataCenter;
        return this;
    }

    /// <summary>TLS to every host (see <see cref="SslOptions"/>); without it the client speaks plain text.</summary>
    public Builder WithSsl(SslOptions options)
    {
        _ssl = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Connect and request timeouts.</summary>
    public Builder WithSocketOptions(SocketOptions options)
    {
        _socketOptions = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Connections per host and requests per connection.</summary>
    public Builder WithPoolingOptions(PoolingOptions options)
    {
        _poolingOptions = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>Default consistency and page size.</summary>
    public Builder WithQueryOptions(QueryOptions options)
    {
        _queryOptions = options ?? throw new ArgumentNullException(nameof(options));
        return this;
    }

    /// <summary>How long a host marked down waits before the next attempt; default exponential from 1 s to 10 min.</summary>
    public Builder WithReconnectionPolicy(IReconnectionPolicy policy)
    {
        _reconnectionPolicy = policy ?? throw new ArgumentNullException(nameof(policy));
        return this;
    }

    /// <summary>The clock for reconnection schedules (tests pass a fake one).</summary>
    public Builder WithTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Builds the cluster. Nothing connects until <see cref="Cluster.ConnectAsync"/>.</summary>
    public Cluster Build()
    {
        if (_contactPoints.Count == 0) throw new InvalidOperationException("Add at least one contact point before Build().");
        var points = _contactPoints.Select(SplitPort).Distinct().ToList();
        return new Cluster(new ClusterConfiguration(points, _username, _password, _keyspace, _socketOptions, _poolingOptions, _queryOptions, _reconnectionPolicy, _timeProvider, _ssl, _localDataCenter));
    }

    private (string Host, int Port) SplitPort(string address)
    {
        // "host:port" or "[v6]:port"; a bare IPv6 address has several colons and no port.
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']');
            var host = address[1..close];
            return close + 1 < address.Length && address[close + 1] == ':' ? (host, int.Parse(address[(close + 2)..])) : (host, _port);
        }
        var colon = address.LastIndexOf(':');
        return colon > 0 && address.IndexOf(':') == colon && int.TryParse(address[(colon + 1)..], out var port)
            ? (address[..colon], port)
            : (address, _port);
    }
}
