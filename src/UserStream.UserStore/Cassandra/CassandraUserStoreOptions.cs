namespace UserStream.UserStore.Cassandra;

/// <summary>How the Cassandra user store creates its keyspace and how hard it pushes writes.</summary>
public sealed record CassandraUserStoreOptions
{
    /// <summary>Replication strategy of the keyspace: <c>SimpleStrategy</c> or <c>NetworkTopologyStrategy</c>.</summary>
    public string ReplicationClass { get; init; } = "SimpleStrategy";

    /// <summary>Copies of each row (per data centre for NetworkTopologyStrategy).</summary>
    public int ReplicationFactor { get; init; } = 1;

    /// <summary>The data centre that gets <see cref="ReplicationFactor"/> copies under NetworkTopologyStrategy.</summary>
    public string DataCenter { get; init; } = "datacenter1";

    /// <summary>
    /// Copies per data centre under NetworkTopologyStrategy, for a keyspace spread over several
    /// (<c>UserStore__Cassandra__DataCenters__dc1=3</c>, <c>…__dc2=3</c>); when set it replaces
    /// <see cref="DataCenter"/> and <see cref="ReplicationFactor"/>.
    /// </summary>
    public Dictionary<string, int>? DataCenters { get; init; }

    /// <summary>The most copies any data centre keeps: what the default consistency is chosen by.</summary>
    public int Copies => DataCenters is { Count: > 0 } centres ? centres.Values.Max() : ReplicationFactor;

    /// <summary>
    /// How many replicas must acknowledge a write (<c>LOCAL_QUORUM</c>, <c>QUORUM</c>, <c>LOCAL_ONE</c>, <c>ONE</c>, <c>ALL</c>, …).
    /// Unset: <c>LOCAL_QUORUM</c> when <see cref="Copies"/> is more than 1 (a write survives one replica
    /// down and is read back by a LOCAL_QUORUM read), <c>LOCAL_ONE</c> on a single copy.
    /// </summary>
    public string? WriteConsistency { get; init; }

    /// <summary>How many replicas must answer a read; unset as <see cref="WriteConsistency"/>.</summary>
    public string? ReadConsistency { get; init; }

    /// <summary>Users written at the same time by one <see cref="IUserStore.UpsertAsync"/> call.</summary>
    public int WriteConcurrency { get; init; } = 32;

    /// <summary>
    /// The secret that signs page tokens (at least 32 characters; <c>UserStore__Cassandra__PageTokenKey</c>, which the
    /// AppHost sets from a generated secret parameter). Every api replica needs the same one. None: a random key per
    /// process, so tokens stop working when it restarts and are refused by other replicas.
    /// </summary>
    public string? PageTokenKey { get; init; }

    /// <summary>The key before the last rotation, still accepted for <see cref="PreviousPageTokenKeyWindow"/> after start.</summary>
    public string? PreviousPageTokenKey { get; init; }

    /// <summary>How long after start tokens of <see cref="PreviousPageTokenKey"/> are still accepted (default 1 hour).</summary>
    public TimeSpan PreviousPageTokenKeyWindow { get; init; } = TimeSpan.FromHours(1);
}
