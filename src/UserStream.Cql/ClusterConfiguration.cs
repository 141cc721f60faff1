namespace UserStream.Cql;

/// <summary>Everything a <see cref="Builder"/> collected, frozen for a <see cref="Cluster"/>.</summary>
internal sealed record ClusterConfiguration(
    IReadOnlyList<(string Host, int Port)> ContactPoints,
    string? Username,
    string? Password,
    string? DefaultKeyspace,
    SocketOptions SocketOptions,
    PoolingOptions PoolingOptions,
    QueryOptions QueryOptions,
    IReconnectionPolicy ReconnectionPolicy,
    TimeProvider TimeProvider,
    SslOptions? Ssl,
    string? LocalDataCenter = null);
