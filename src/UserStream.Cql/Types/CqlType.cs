namespace UserStream.Cql;

/// <summary>A CQL type as the server describes it in result metadata: a code plus element types for collections.</summary>
public sealed record CqlType(ColumnTypeCode Code, IReadOnlyList<CqlType> Elements, string? CustomName = null)
{
    /// <summary>A type without element types.</summary>
    public static CqlType Of(ColumnTypeCode code) => new(code, []);

    /// <summary>list&lt;element&gt;.</summary>
    public static CqlType ListOf(CqlType element) => new(ColumnTypeCode.List, [element]);

    /// <summary>set&lt;element&gt;.</summary>
    public static CqlType SetOf(CqlType element) => new(ColumnTypeCode.Set, [element]);

    /// <summary>map&lt;key, value&gt;.</summary>
    public static CqlType MapOf(CqlType key, CqlType value) => new(ColumnTypeCode.Map, [key, value]);

    /// <inheritdoc />
    public override string ToString() => Code switch
    {
        ColumnTypeCode.List => $"list<{Elements[0]}>",
        ColumnTypeCode.Set => $"set<{Elements[0]}>",
        ColumnTypeCode.Map => $"map<{Elements[0]}, {Elements[1]}>",
        ColumnTypeCode.Custom => $"'{CustomName}'",
        ColumnTypeCode.Varchar => "text",
        _ => Code.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public bool Equals(CqlType? other) =>
        other is not null && Code == other.Code && CustomName == other.CustomName && Elements.SequenceEqual(other.Elements);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, CustomName, Elements.Count);
}
