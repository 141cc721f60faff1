namespace UserStream.Cql.TestServer.Data;

/// <summary>A table: its schema and its rows kept in key order. Callers hold the database lock.</summary>
internal sealed class TableData(TableSchema schema)
{
    private static readonly Comparer<StoredRow> ByKey = Comparer<StoredRow>.Create((a, b) => a.Key.CompareTo(b.Key));

    private readonly SortedSet<StoredRow> _rows = new(ByKey);

    public TableSchema Schema { get; } = schema;

    public int Count => _rows.Count;

    public StoredRow? Find(RowKey key) => _rows.TryGetValue(new StoredRow(key), out var row) ? row : null;

    public StoredRow GetOrAdd(RowKey key)
    {
        var probe = new StoredRow(key);
        if (_rows.TryGetValue(probe, out var existing)) return existing;
        _rows.Add(probe);
        return probe;
    }

    public void Remove(RowKey key) => _rows.Remove(new StoredRow(key));

    public void Clear() => _rows.Clear();

    /// <summary>All rows in key order, starting after <paramref name="after"/> when given.</summary>
    public IEnumerable<StoredRow> Scan(RowKey? after)
    {
        if (_rows.Count == 0) return [];
        if (after is null) return _rows;
        var from = new StoredRow(after);
        if (ByKey.Compare(from, _rows.Max!) >= 0) return [];
        return _rows.GetViewBetween(from, _rows.Max!).Where(r => r.Key.CompareTo(after) > 0);
    }
}
