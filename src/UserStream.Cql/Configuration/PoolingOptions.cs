namespace UserStream.Cql;

/// <summary>Connections per host and requests per connection.</summary>
public sealed class PoolingOptions
{
    /// <summary>Connections each session opens to a host up front; default 1.</summary>
    public int CoreConnectionsPerHost { get; private set; } = 1;

    /// <summary>Most connections a session keeps to a host; default 2.</summary>
    public int MaxConnectionsPerHost { get; private set; } = 2;

    /// <summary>Most requests in flight on one connection (stream ids in use); default 2048.</summary>
    public int MaxRequestsPerConnection { get; private set; } = 2048;

    /// <summary>In-flight requests on every open connection above which another connection is opened; default 512.</summary>
    public int NewConnectionThreshold { get; private set; } = 512;

    /// <summary>Sets the connections opened up front.</summary>
    public PoolingOptions SetCoreConnectionsPerHost(int connections)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);
        CoreConnectionsPerHost = connections;
        MaxConnectionsPerHost = Math.Max(MaxConnectionsPerHost, connections);
        return this;
    }

    /// <summary>Sets the most connections per host.</summary>
    public PoolingOptions SetMaxConnectionsPerHost(int connections)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);
        MaxConnectionsPerHost = connections;
        CoreConnectionsPerHost = Math.Min(CoreConnectionsPerHost, connections);
        return this;
    }

    /// <summary>Sets the most requests in flight per connection (at most 32768, the v4 stream id space).</summary>
    public PoolingOptions SetMaxRequestsPerConnection(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requests, 32768);
        MaxRequestsPerConnection = requests;
        return this;
    }

    /// <summary>Sets the load above which another connection is opened.</summary>
    public PoolingOptions SetNewConnectionThreshold(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        NewConnectionThreshold = requests;
        return this;
    }
}
