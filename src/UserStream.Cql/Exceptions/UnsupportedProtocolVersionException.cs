namespace UserStream.Cql;

/// <summary>The host cannot speak protocol v4, the only version this client speaks.</summary>
public sealed class UnsupportedProtocolVersionException(string host, int? serverVersion, string serverMessage)
    : DriverException($"Host {host} does not support CQL native protocol v4"
        + (serverVersion is { } v ? $" (it answered with protocol v{v})" : "")
        + $": {serverMessage}. This client needs Cassandra 2.2 or later.")
{
    /// <summary>The host (address:port).</summary>
    public string Host { get; } = host;

    /// <summary>The protocol version of the server's answer, when it answered with a lower one.</summary>
    public int? ServerVersion { get; } = serverVersion;

    /// <summary>What the server said.</summary>
    public string ServerMessage { get; } = serverMessage;
}
