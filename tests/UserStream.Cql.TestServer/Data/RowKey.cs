namespace UserStream.Cql.TestServer.Data;

/// <summary>
/// A row's primary key values in serialized form. Rows are ordered by these bytes, component by
/// component, which gives every table one stable order to page through.
/// </summary>
internal sealed class RowKey(IReadOnlyList<byte[]> components) : IComparable<RowKey>
{
    public IReadOnlyList<byte[]> Components { get; } = components;

    public int CompareTo(RowKey? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Min(Components.Count, other.Components.Count); i++)
        {
            var c = Components[i].AsSpan().SequenceCompareTo(other.Components[i]);
            if (c != 0) return c;
        }
        return Components.Count.CompareTo(other.Components.Count);
    }
}
