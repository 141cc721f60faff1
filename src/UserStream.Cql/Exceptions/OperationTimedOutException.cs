namespace UserStream.Cql;

/// <summary>The host did not answer a request within the client-side timeout.</summary>
public sealed class OperationTimedOutException(string host, TimeSpan timeout)
    : DriverException($"The host {host} did not reply within {timeout.TotalMilliseconds:0} ms.")
{
    /// <summary>The host (address:port).</summary>
    public string Host { get; } = host;

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; } = timeout;
}
