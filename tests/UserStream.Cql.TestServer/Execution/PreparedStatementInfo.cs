using UserStream.Cql.TestServer.Cql;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>A statement the server prepared: parsed once, executed by id with bound values.</summary>
internal sealed record PreparedStatementInfo(
    byte[] Id,
    string Query,
    CqlStatement Statement,
    string? Keyspace,
    IReadOnlyList<ColumnSpec> Variables,
    IReadOnlyList<short> PartitionKeyIndexes,
    IReadOnlyList<ColumnSpec>? ResultColumns);
