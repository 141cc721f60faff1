namespace UserStream.Cql.TestServer.Data;

/// <summary>
/// Everything the cluster stores: keyspaces, tables and rows, shared by its nodes (as if every keyspace
/// were replicated to every node, instantly). One lock guards it all; the test server trades
/// concurrency for obviously correct, atomic statements and batches.
/// </summary>
internal sealed class Database
{
    public object Sync { get; } = new();

    public Dictionary<string, KeyspaceData> Keyspaces { get; } = new(StringComparer.Ordinal);

    public Guid SchemaVersion { get; private set; } = Guid.NewGuid();

    /// <summary>Each node's own <c>system</c> keyspace (its <c>local</c> and <c>peers</c> tables); data keyspaces are shared.</summary>
    public List<KeyspaceData> NodeSystems { get; } = [];

    public KeyspaceData GetKeyspace(string name) =>
        Keyspaces.TryGetValue(name, out var keyspace)
            ? keyspace
            : throw new CqlRequestException(CqlServerError.Invalid($"Keyspace '{name}' does not exist"));

    public TableData GetTable(string keyspace, string table) =>
        GetKeyspace(keyspace).Tables.TryGetValue(table, out var data)
            ? data
            : throw new CqlRequestException(CqlServerError.Invalid($"unconfigured table {table}"));

    public void AddTable(TableSchema schema) => GetKeyspace(schema.Keyspace).Tables[schema.Name] = new TableData(schema);

    /// <summary>Marks a schema change so drivers that compare schema versions see a new one.</summary>
    public void BumpSchemaVersion()
    {
        SchemaVersion = Guid.NewGuid();
        SystemTables.RecordSchemaVersion(this);
    }
}
