namespace UserStream.Cql.Protocol.Responses;

/// <summary>Reads the column specifications of rows results and prepared results.</summary>
internal static class MetadataReader
{
    private const int GlobalTablesSpec = 0x0001;
    private const int HasMorePages = 0x0002;
    private const int NoMetadata = 0x0004;

    public static RowsMetadata ReadRowsMetadata(BodyReader reader)
    {
        var flags = reader.ReadInt();
        var columnCount = reader.ReadInt();
        var pagingState = (flags & HasMorePages) != 0 ? reader.ReadBytes() : null;
        if ((flags & NoMetadata) != 0) return new RowsMetadata(new CqlColumn[columnCount], pagingState, true);
        return new RowsMetadata(ReadColumns(reader, flags, columnCount), pagingState, false);
    }

    public static (IReadOnlyList<CqlColumn> Variables, IReadOnlyList<int> PartitionKeyIndexes) ReadPreparedMetadata(BodyReader reader)
    {
        var flags = reader.ReadInt();
        var columnCount = reader.ReadInt();
        var keyCount = reader.ReadInt();
        var keyIndexes = new int[keyCount];
        for (var i = 0; i < keyCount; i++) keyIndexes[i] = reader.ReadShort();
        return (ReadColumns(reader, flags, columnCount), keyIndexes);
    }

    private static CqlColumn[] ReadColumns(BodyReader reader, int flags, int count)
    {
        string? globalKeyspace = null, globalTable = null;
        if ((flags & GlobalTablesSpec) != 0)
        {
            globalKeyspace = reader.ReadString();
            globalTable = reader.ReadString();
        }
        var columns = new CqlColumn[count];
        for (var i = 0; i < count; i++)
        {
            var keyspace = globalKeyspace ?? reader.ReadString();
            var table = globalTable ?? reader.ReadString();
            var name = reader.ReadString();
            columns[i] = new CqlColumn(i, keyspace, table, name, TypeOptionReader.Read(reader));
        }
        return columns;
    }
}
