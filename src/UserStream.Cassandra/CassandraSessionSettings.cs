namespace UserStream.Cassandra;

/// <summary>
/// Settings of <c>AddCassandraSession</c>, bound from the <c>Aspire:Cassandra:Session</c> configuration section;
/// <c>ConnectionStrings:{name}</c>, when set, wins over <see cref="ConnectionString"/>.
/// </summary>
public sealed class CassandraSessionSettings
{
    /// <summary>
    /// <c>Contact Points=h1,h2;Port=9042;Username=…;Password=…;Default Keyspace=…</c>; the keyspace is the session's,
    /// not the cluster's, so a consumer can connect before the keyspace exists.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Leave out the "Cassandra" health check.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Do not export the CQL client's spans.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>Time the health check's query may take.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
