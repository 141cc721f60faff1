namespace UserStream.Cql;

/// <summary>The connection to a host closed while a request was in flight; the request's outcome is unknown.</summary>
public sealed class ConnectionClosedException(string host, string reason, Exception? innerException = null)
    : DriverException($"Connection to {host} closed with the request in flight: {reason}", innerException)
{
    /// <summary>The host (address:port).</summary>
    public string Host { get; } = host;
}
