namespace UserStream.Cql;

/// <summary>Authentication with a host failed: bad credentials (server code 0x0100) or none configured when the server asked.</summary>
public sealed class AuthenticationException(string host, string message, ServerErrorCode? serverCode = null)
    : DriverException($"Authentication with {host} failed: {message}")
{
    /// <summary>The host (address:port) that refused.</summary>
    public string Host { get; } = host;

    /// <summary>The server's error code when the server rejected the credentials; null when the client gave up.</summary>
    public ServerErrorCode? ServerCode { get; } = serverCode;
}
