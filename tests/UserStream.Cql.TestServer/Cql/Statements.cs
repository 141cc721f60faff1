namespace UserStream.Cql.TestServer.Cql;

/// <summary>A parsed CQL statement of the subset the test server understands.</summary>
internal abstract record CqlStatement;

/// <summary>A table name as written: keyspace null when the statement relies on USE.</summary>
internal sealed record TableName(string? Keyspace, string Name);

internal sealed record ColumnDefinition(string Name, string TypeName, IReadOnlyList<string> TypeParameters);

/// <summary><c>column = term</c> or <c>column IN (terms)</c> in a WHERE clause.</summary>
internal sealed record Relation(string Column, IReadOnlyList<Term> Values);

internal sealed record CreateKeyspaceStatement(string Name, bool IfNotExists, IReadOnlyDictionary<string, string> Replication) : CqlStatement;

internal sealed record CreateTableStatement(
    TableName Table,
    bool IfNotExists,
    IReadOnlyList<ColumnDefinition> Columns,
    IReadOnlyList<string> PartitionKey,
    IReadOnlyList<string> ClusteringKey) : CqlStatement;

internal sealed record DropStatement(bool IsKeyspace, TableName Target, bool IfExists) : CqlStatement;

internal sealed record TruncateStatement(TableName Table) : CqlStatement;

internal sealed record UseStatement(string Keyspace) : CqlStatement;

internal sealed record InsertStatement(TableName Table, IReadOnlyList<string> Columns, IReadOnlyList<Term> Values) : CqlStatement;

internal sealed record UpdateStatement(TableName Table, IReadOnlyList<(string Column, Term Value)> Assignments, IReadOnlyList<Relation> Where) : CqlStatement;

internal sealed record DeleteStatement(TableName Table, IReadOnlyList<string> Columns, IReadOnlyList<Relation> Where) : CqlStatement;

/// <summary>SELECT; Columns null means <c>*</c>.</summary>
internal sealed record SelectStatement(
    TableName Table,
    IReadOnlyList<string>? Columns,
    bool CountRows,
    IReadOnlyList<Relation> Where,
    Term? Limit,
    bool AllowFiltering) : CqlStatement;

/// <summary>A BEGIN BATCH … APPLY BATCH block written in CQL text.</summary>
internal sealed record BatchBlockStatement(IReadOnlyList<CqlStatement> Statements) : CqlStatement;
