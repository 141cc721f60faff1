namespace UserStream.Cql.TestServer.Data;

/// <summary>A table's columns and primary key. Key columns come first, then the rest by name, as CQL lists them.</summary>
internal sealed class TableSchema
{
    public TableSchema(string keyspace, string name, IReadOnlyList<(string Name, CqlType Type)> columns,
        IReadOnlyList<string> partitionKey, IReadOnlyList<string> clusteringKey)
    {
        Keyspace = keyspace;
        Name = name;
        PartitionKey = partitionKey;
        ClusteringKey = clusteringKey;
        PrimaryKey = [.. partitionKey, .. clusteringKey];
        var types = columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        Types = types;
        Columns = [.. PrimaryKey, .. columns.Select(c => c.Name).Where(n => !PrimaryKey.Contains(n)).Order(StringComparer.Ordinal)];
    }

    public string Keyspace { get; }
    public string Name { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyDictionary<string, CqlType> Types { get; }
    public IReadOnlyList<string> PartitionKey { get; }
    public IReadOnlyList<string> ClusteringKey { get; }
    public IReadOnlyList<string> PrimaryKey { get; }

    public CqlType TypeOf(string column) =>
        Types.TryGetValue(column, out var type)
            ? type
            : throw new CqlRequestException(CqlServerError.Invalid($"Undefined column name {column} in table {Keyspace}.{Name}"));

    public bool IsPartitionKey(string column) => PartitionKey.Contains(column);

    public bool IsPrimaryKey(string column) => PrimaryKey.Contains(column);
}
