namespace UserStream.Cql.TestServer.Data;

/// <summary>
/// Everything the server stores: keyspaces, tables and rows. One lock guards it all; the test
/// server trades concurrency for obviously correct, atomic statements and batches.
/// </summary>
internal sealed class Database
{
    public object Sync { get; } = new();

    public Dictionary<string, KeyspaceData> Keyspaces { get; } = new(StringComparer.Ordinal);

    public Guid SchemaVersion { get; private set; } = Guid.NewGuid();

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
