namespace UserStream.Cql.TestServer.Data;

/// <summary>One row: its key and its non-null cells by column name (key columns included).</summary>
internal sealed class StoredRow(RowKey key)
{
    public RowKey Key { get; } = key;

    public Dictionary<string, byte[]> Cells { get; } = new(StringComparer.Ordinal);

    public byte[]? Get(string column) => Cells.GetValueOrDefault(column);
}
