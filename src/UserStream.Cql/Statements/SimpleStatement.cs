namespace UserStream.Cql;

/// <summary>A CQL string sent as-is (QUERY), with positional (<c>?</c>) or named (<c>:name</c>) values.</summary>
public sealed class SimpleStatement : Statement
{
    /// <summary>A statement with positional values, bound to the <c>?</c> markers in order.</summary>
    public SimpleStatement(string cql, params object?[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        QueryString = cql;
        QueryValues = values ?? [null];
    }

    /// <summary>A statement with named values, bound to the <c>:name</c> markers (DataStax's argument order).</summary>
    public SimpleStatement(IDictionary<string, object?> namedValues, string cql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        ArgumentNullException.ThrowIfNull(namedValues);
        QueryString = cql;
        QueryValues = [.. namedValues.Values];
        ValueNames = [.. namedValues.Keys];
    }

    /// <inheritdoc />
    public override string QueryString { get; }

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<object?> QueryValues { get; }

    /// <summary>Names of the values when they are named; null for positional values.</summary>
    public IReadOnlyList<string>? ValueNames { get; }
}
