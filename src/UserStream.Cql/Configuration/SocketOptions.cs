namespace UserStream.Cql;

/// <summary>Connection-level timeouts.</summary>
public sealed class SocketOptions
{
    /// <summary>How long opening a connection (TCP plus handshake) may take; default 5000 ms.</summary>
    public int ConnectTimeoutMillis { get; private set; } = 5000;

    /// <summary>How long a request may wait for its response; default 12000 ms (as DataStax).</summary>
    public int ReadTimeoutMillis { get; private set; } = 12000;

    /// <summary>Sets the connect timeout.</summary>
    public SocketOptions SetConnectTimeoutMillis(int millis)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(millis);
        ConnectTimeoutMillis = millis;
        return this;
    }

    /// <summary>Sets the default per-request timeout.</summary>
    public SocketOptions SetReadTimeoutMillis(int millis)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(millis);
        ReadTimeoutMillis = millis;
        return this;
    }
}
