namespace UserStream.Cql.Connections;

/// <summary>What opening and using one connection needs to know.</summary>
internal sealed record ConnectionSettings(
    string? Username,
    string? Password,
    TimeSpan ConnectTimeout,
    TimeSpan DefaultRequestTimeout,
    int MaxRequestsPerConnection,
    SslOptions? Ssl)
{
    public bool HasCredentials => Username is not null;
}
