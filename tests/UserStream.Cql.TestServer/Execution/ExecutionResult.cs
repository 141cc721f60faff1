namespace UserStream.Cql.TestServer.Execution;

/// <summary>What executing a request produced; encoded as one RESULT message.</summary>
internal abstract record ExecutionResult;

internal sealed record VoidResult : ExecutionResult
{
    public static readonly VoidResult Instance = new();
}

/// <summary>Rows; PagingState is set when more pages follow.</summary>
internal sealed record RowsResult(IReadOnlyList<ColumnSpec> Columns, IReadOnlyList<byte[]?[]> Rows, byte[]? PagingState) : ExecutionResult;

internal sealed record SetKeyspaceResult(string Keyspace) : ExecutionResult;

/// <summary>A schema change: Target is KEYSPACE or TABLE; Table is null for keyspaces.</summary>
internal sealed record SchemaChangeResult(string ChangeType, string Target, string Keyspace, string? Table) : ExecutionResult;

internal sealed record PreparedResult(PreparedStatementInfo Prepared) : ExecutionResult;
