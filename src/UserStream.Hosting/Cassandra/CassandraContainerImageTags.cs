namespace UserStream.Hosting.Cassandra;

/// <summary>The Cassandra container image of the container form.</summary>
internal static class CassandraContainerImageTags
{
    /// <remarks>docker.io</remarks>
    public const string Registry = "docker.io";

    /// <remarks>library/cassandra</remarks>
    public const string Image = "library/cassandra";

    /// <remarks>5.0</remarks>
    public const string Tag = "5.0";
}
