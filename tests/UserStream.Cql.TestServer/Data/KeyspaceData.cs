namespace UserStream.Cql.TestServer.Data;

/// <summary>A keyspace: its replication settings (recorded, not acted on) and its tables.</summary>
internal sealed class KeyspaceData(string name, IReadOnlyDictionary<string, string> replication)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, string> Replication { get; } = replication;

    public Dictionary<string, TableData> Tables { get; } = new(StringComparer.Ordinal);
}
