namespace UserStream.Cql;

/// <summary>Column lookup by name shared by every row of a result (case-sensitive first, then case-insensitive).</summary>
internal sealed class ColumnIndex
{
    private readonly IReadOnlyList<CqlColumn> _columns;
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ignoringCase = new(StringComparer.OrdinalIgnoreCase);

    public ColumnIndex(IReadOnlyList<CqlColumn> columns)
    {
        _columns = columns;
        for (var i = 0; i < columns.Count; i++)
        {
            _exact.TryAdd(columns[i].Name, i);
            _ignoringCase.TryAdd(columns[i].Name, i);
        }
    }

    public string NameAt(int index) => _columns[index].Name;

    public bool TryIndexOf(string name, out int index) =>
        _exact.TryGetValue(name, out index) || _ignoringCase.TryGetValue(name, out index);

    public int IndexOf(string name) => TryIndexOf(name, out var index)
        ? index
        : throw new ArgumentException($"The result has no column named \"{name}\". Columns: {string.Join(", ", _columns.Select(c => c.Name))}.", nameof(name));
}
