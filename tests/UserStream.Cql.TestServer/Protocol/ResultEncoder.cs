using UserStream.Cql.TestServer.Data;
using UserStream.Cql.TestServer.Execution;

namespace UserStream.Cql.TestServer.Protocol;

/// <summary>Encodes RESULT message bodies: void, rows, set_keyspace, prepared, schema_change.</summary>
internal static class ResultEncoder
{
    private const int KindVoid = 1, KindRows = 2, KindSetKeyspace = 3, KindPrepared = 4, KindSchemaChange = 5;
    private const int GlobalTableSpec = 0x0001, HasMorePages = 0x0002, NoMetadata = 0x0004;

    public static BodyWriter Encode(ExecutionResult result, bool skipMetadata)
    {
        var writer = new BodyWriter();
        switch (result)
        {
            case VoidResult:
                writer.WriteInt(KindVoid);
                break;
            case RowsResult rows:
                writer.WriteInt(KindRows);
                WriteMetadata(writer, rows.Columns, rows.PagingState, skipMetadata);
                writer.WriteInt(rows.Rows.Count);
                foreach (var row in rows.Rows)
                    foreach (var cell in row)
                        writer.WriteNullableBytes(cell);
                break;
            case SetKeyspaceResult setKeyspace:
                writer.WriteInt(KindSetKeyspace).WriteString(setKeyspace.Keyspace);
                break;
            case SchemaChangeResult change:
                writer.WriteInt(KindSchemaChange);
                WriteSchemaChange(writer, change);
                break;
            case PreparedResult prepared:
                writer.WriteInt(KindPrepared);
                WritePrepared(writer, prepared.Prepared);
                break;
            default:
                throw new InvalidOperationException($"unknown result {result}");
        }
        return writer;
    }

    /// <summary>The change_type, target and options of a schema change (shared by RESULT and EVENT).</summary>
    public static void WriteSchemaChange(BodyWriter writer, SchemaChangeResult change)
    {
        writer.WriteString(change.ChangeType).WriteString(change.Target).WriteString(change.Keyspace);
        if (change.Table is not null) writer.WriteString(change.Table);
    }

    private static void WritePrepared(BodyWriter writer, PreparedStatementInfo prepared)
    {
        writer.WriteShortBytes(prepared.Id);
        var variables = prepared.Variables;
        var global = SingleTable(variables);
        writer.WriteInt(global is null ? 0 : GlobalTableSpec).WriteInt(variables.Count).WriteInt(prepared.PartitionKeyIndexes.Count);
        foreach (var index in prepared.PartitionKeyIndexes) writer.WriteShort(index);
        WriteColumnSpecs(writer, variables, global);
        WriteMetadata(writer, prepared.ResultColumns ?? [], null, skipMetadata: prepared.ResultColumns is null);
    }

    private static void WriteMetadata(BodyWriter writer, IReadOnlyList<ColumnSpec> columns, byte[]? pagingState, bool skipMetadata)
    {
        var global = SingleTable(columns);
        var flags = (pagingState is null ? 0 : HasMorePages) | (skipMetadata ? NoMetadata : global is null ? 0 : GlobalTableSpec);
        writer.WriteInt(flags).WriteInt(columns.Count);
        if (pagingState is not null) writer.WriteBytes(pagingState);
        if (!skipMetadata) WriteColumnSpecs(writer, columns, global);
    }

    private static void WriteColumnSpecs(BodyWriter writer, IReadOnlyList<ColumnSpec> columns, (string Keyspace, string Table)? global)
    {
        if (global is { } table) writer.WriteString(table.Keyspace).WriteString(table.Table);
        foreach (var column in columns)
        {
            if (global is null) writer.WriteString(column.Keyspace).WriteString(column.Table);
            writer.WriteString(column.Name);
            WriteType(writer, column.Type);
        }
    }

    private static void WriteType(BodyWriter writer, CqlType type)
    {
        writer.WriteUnsignedShort(type.OptionId);
        foreach (var parameter in type.Parameters) WriteType(writer, parameter);
    }

    private static (string Keyspace, string Table)? SingleTable(IReadOnlyList<ColumnSpec> columns)
    {
        if (columns.Count == 0) return null;
        var first = columns[0];
        return columns.All(c => c.Keyspace == first.Keyspace && c.Table == first.Table) ? (first.Keyspace, first.Table) : null;
    }
}
