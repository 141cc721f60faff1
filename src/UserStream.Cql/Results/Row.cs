using System.Collections;
using UserStream.Cql.Types;

namespace UserStream.Cql;

/// <summary>One row of a result; values are decoded by their CQL type and converted on read.</summary>
public sealed class Row : IEnumerable<object?>
{
    private readonly object?[] _values;
    private readonly ColumnIndex _columns;

    internal Row(object?[] values, ColumnIndex columns)
    {
        _values = values;
        _columns = columns;
    }

    /// <summary>Number of columns.</summary>
    public int Length => _values.Length;

    /// <summary>The raw decoded value at an index.</summary>
    public object? this[int index] => _values[index];

    /// <summary>The raw decoded value of a column.</summary>
    public object? this[string name] => _values[_columns.IndexOf(name)];

    /// <summary>
    /// The value at an index as <typeparamref name="T"/>. Null reads as default(T). Timestamps read as
    /// DateTimeOffset (or DateTime, UTC), dates as DateOnly (or DateTime), lists as List/array/IEnumerable,
    /// sets as HashSet/ISet, maps as Dictionary/IDictionary.
    /// </summary>
    public T GetValue<T>(int index)
    {
        if ((uint)index >= (uint)_values.Length)
            throw new ArgumentOutOfRangeException(nameof(index), $"The row has {_values.Length} columns.");
        // A cast of null to a value type throws, so null reads as default(T) here, before converting.
        if (_values[index] is null) return default!;
        return (T)ValueConverter.ConvertTo(_values[index], typeof(T), _columns.NameAt(index))!;
    }

    /// <summary>The value of a column as <typeparamref name="T"/>; see <see cref="GetValue{T}(int)"/>.</summary>
    public T GetValue<T>(string name) => GetValue<T>(_columns.IndexOf(name));

    /// <summary>Whether the value at an index is null.</summary>
    public bool IsNull(int index) => _values[index] is null;

    /// <summary>Whether the value of a column is null.</summary>
    public bool IsNull(string name) => _values[_columns.IndexOf(name)] is null;

    /// <summary>Whether the row has a column of this name.</summary>
    public bool ContainsColumn(string name) => _columns.TryIndexOf(name, out _);

    /// <inheritdoc />
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
