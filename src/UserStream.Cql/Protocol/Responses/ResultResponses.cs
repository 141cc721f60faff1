namespace UserStream.Cql.Protocol.Responses;

/// <summary>Column descriptions of a rows result, plus the paging state when more pages follow.</summary>
internal sealed record RowsMetadata(IReadOnlyList<CqlColumn> Columns, byte[]? PagingState, bool NoMetadata)
{
    public static readonly RowsMetadata Empty = new([], null, false);
}

internal sealed record VoidResult : Response;

internal sealed record RowsResult(RowsMetadata Metadata, IReadOnlyList<byte[]?[]> Rows) : Response;

internal sealed record SetKeyspaceResult(string Keyspace) : Response;

internal sealed record PreparedResult(byte[] Id, IReadOnlyList<CqlColumn> Variables, IReadOnlyList<int> PartitionKeyIndexes, RowsMetadata ResultMetadata) : Response;

internal sealed record SchemaChangeResult(string ChangeType, string Target, string Keyspace, string? Name, IReadOnlyList<string> ArgumentTypes) : Response;
