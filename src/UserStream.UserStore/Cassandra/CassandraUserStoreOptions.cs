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

    /// <summary>Users written at the same time by one <see cref="IUserStore.UpsertAsync"/> call.</summary>
    public int WriteConcurrency { get; init; } = 32;
}
