namespace UserStream.Cql;

/// <summary>TLS with a host failed: its certificate was refused, or it does not speak TLS on that port.</summary>
public sealed class TlsException(string host, string message, Exception? innerException = null)
    : DriverException($"TLS with {host} failed: {message}", innerException)
{
    /// <summary>The host (address:port) the handshake was with.</summary>
    public string Host { get; } = host;
}
