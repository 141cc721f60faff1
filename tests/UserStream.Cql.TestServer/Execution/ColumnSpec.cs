using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>A column (or bind variable) as described in result and prepared metadata.</summary>
internal sealed record ColumnSpec(string Keyspace, string Table, string Name, CqlType Type);
