namespace UserStream.Cql;

/// <summary>One column of a result or one bind variable of a prepared statement.</summary>
public sealed record CqlColumn(int Index, string Keyspace, string Table, string Name, CqlType Type)
{
    /// <summary>The type's code, as in DataStax's ColumnDesc.TypeCode.</summary>
    public ColumnTypeCode TypeCode => Type.Code;
}
