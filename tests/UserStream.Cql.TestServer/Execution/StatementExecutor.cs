using System.Security.Cryptography;
using System.Text;
using UserStream.Cql.TestServer.Cql;
using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>Prepares and executes parsed statements against the in-memory database, as one node (whose own <c>system</c> keyspace is <paramref name="localSystem"/>).</summary>
internal sealed class StatementExecutor(Database database, KeyspaceData localSystem)
{
    private static readonly HashSet<string> KnownStrategies = ["SimpleStrategy", "NetworkTopologyStrategy"];

    public PreparedStatementInfo Prepare(string query, string? keyspace)
    {
        var (statement, markerCount) = CqlParser.Parse(query);
        lock (database.Sync)
        {
            var (variables, keyIndexes) = VariableDescriber.Describe(statement, markerCount, name => Resolve(name, keyspace).Schema);
            var resultColumns = statement is SelectStatement select ? SelectExecutor.DescribeResult(select, Resolve(select.Table, keyspace).Schema) : null;
            // Like Cassandra, the id depends on the text and the keyspace it was prepared in.
            var id = MD5.HashData(Encoding.UTF8.GetBytes((keyspace ?? "") + "\u0000" + query));
            return new PreparedStatementInfo(id, query, statement, keyspace, variables, keyIndexes, resultColumns);
        }
    }

    /// <summary>Describes the markers of an unprepared statement, so values sent by name can be placed.</summary>
    public IReadOnlyList<ColumnSpec> DescribeVariables(CqlStatement statement, int markerCount, string? keyspace)
    {
        lock (database.Sync) return VariableDescriber.Describe(statement, markerCount, name => Resolve(name, keyspace).Schema).Variables;
    }

    public ExecutionResult Execute(CqlStatement statement, string? keyspace, BoundValues values, int pageSize, byte[]? pagingState)
    {
        lock (database.Sync)
        {
            switch (statement)
            {
                case SelectStatement select:
                    return SelectExecutor.Execute(select, Resolve(select.Table, keyspace), values, pageSize, pagingState);
                case InsertStatement or UpdateStatement or DeleteStatement:
                    MutationPlanner.Plan(statement, Resolve(TableOf(statement), keyspace), values)();
                    return VoidResult.Instance;
                case BatchBlockStatement block:
                    ApplyBatch(block.Statements.Select(s => (s, keyspace, values)).ToList());
                    return VoidResult.Instance;
                case UseStatement use:
                    database.GetKeyspace(use.Keyspace);
                    return new SetKeyspaceResult(use.Keyspace);
                case CreateKeyspaceStatement create:
                    return CreateKeyspace(create);
                case CreateTableStatement create:
                    return CreateTable(create, keyspace);
                case DropStatement drop:
                    return Drop(drop, keyspace);
                case TruncateStatement truncate:
                    Resolve(truncate.Table, keyspace).Clear();
                    return VoidResult.Instance;
                default:
                    throw new CqlRequestException(CqlServerError.Invalid($"{statement.GetType().Name} is not supported by the test server"));
            }
        }
    }

    /// <summary>Checks every statement of a batch, then applies them all.</summary>
    public void ApplyBatch(IReadOnlyList<(CqlStatement Statement, string? Keyspace, BoundValues Values)> statements)
    {
        lock (database.Sync)
        {
            var actions = statements.Select(s => MutationPlanner.Plan(s.Statement, Resolve(TableOf(s.Statement), s.Keyspace), s.Values)).ToList();
            foreach (var action in actions) action();
        }
    }

    private static TableName TableOf(CqlStatement statement) => statement switch
    {
        InsertStatement s => s.Table,
        UpdateStatement s => s.Table,
        DeleteStatement s => s.Table,
        _ => throw new CqlRequestException(CqlServerError.Invalid("Only INSERT, UPDATE and DELETE statements are allowed in a batch")),
    };

    private TableData Resolve(TableName name, string? keyspace)
    {
        var ks = name.Keyspace ?? keyspace ?? throw new CqlRequestException(CqlServerError.Invalid(
            "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename"));
        if (ks == "system")
        {
            return localSystem.Tables.TryGetValue(name.Name, out var local)
                ? local
                : throw new CqlRequestException(CqlServerError.Invalid($"unconfigured table {name.Name}"));
        }
        return database.GetTable(ks, name.Name);
    }

    private ExecutionResult CreateKeyspace(CreateKeyspaceStatement create)
    {
        if (database.Keyspaces.ContainsKey(create.Name))
            return create.IfNotExists ? VoidResult.Instance : throw new CqlRequestException(CqlServerError.AlreadyExists(create.Name));
        var strategy = create.Replication.GetValueOrDefault("class")?.Split('.')[^1];
        if (strategy is null || !KnownStrategies.Contains(strategy))
            throw new CqlRequestException(CqlServerError.ConfigError($"Unable to find replication strategy class '{strategy}'"));
        if (strategy == "SimpleStrategy" && !int.TryParse(create.Replication.GetValueOrDefault("replication_factor"), out _))
            throw new CqlRequestException(CqlServerError.ConfigError("SimpleStrategy requires a numeric replication_factor option"));
        database.Keyspaces[create.Name] = new KeyspaceData(create.Name, create.Replication);
        database.BumpSchemaVersion();
        return new SchemaChangeResult("CREATED", "KEYSPACE", create.Name, null);
    }

    private ExecutionResult CreateTable(CreateTableStatement create, string? keyspace)
    {
        var ks = database.GetKeyspace(create.Table.Keyspace ?? keyspace ?? throw new CqlRequestException(CqlServerError.Invalid(
            "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename")));
        if (ks.Tables.ContainsKey(create.Table.Name))
            return create.IfNotExists ? VoidResult.Instance : throw new CqlRequestException(CqlServerError.AlreadyExists(ks.Name, create.Table.Name));
        if (create.PartitionKey.Count == 0)
            throw new CqlRequestException(CqlServerError.Invalid("No PRIMARY KEY specifed (exactly one required)"));
        var columns = create.Columns.Select(c => (c.Name, ParseType(c))).ToList();
        var undefined = create.PartitionKey.Concat(create.ClusteringKey).FirstOrDefault(k => columns.All(c => c.Name != k));
        if (undefined is not null)
            throw new CqlRequestException(CqlServerError.Invalid($"Unknown definition {undefined} referenced in PRIMARY KEY"));
        database.AddTable(new TableSchema(ks.Name, create.Table.Name, columns, create.PartitionKey, create.ClusteringKey));
        database.BumpSchemaVersion();
        return new SchemaChangeResult("CREATED", "TABLE", ks.Name, create.Table.Name);
    }

    private ExecutionResult Drop(DropStatement drop, string? keyspace)
    {
        if (drop.IsKeyspace)
        {
            if (!database.Keyspaces.Remove(drop.Target.Name))
                return drop.IfExists ? VoidResult.Instance : throw new CqlRequestException(CqlServerError.ConfigError($"Cannot drop non existing keyspace '{drop.Target.Name}'."));
            database.BumpSchemaVersion();
            return new SchemaChangeResult("DROPPED", "KEYSPACE", drop.Target.Name, null);
        }
        var ksName = drop.Target.Keyspace ?? keyspace ?? "";
        if (!database.Keyspaces.TryGetValue(ksName, out var ks) || !ks.Tables.Remove(drop.Target.Name))
            return drop.IfExists ? VoidResult.Instance : throw new CqlRequestException(CqlServerError.Invalid($"Table '{ksName}.{drop.Target.Name}' doesn't exist"));
        database.BumpSchemaVersion();
        return new SchemaChangeResult("DROPPED", "TABLE", ksName, drop.Target.Name);
    }

    private static CqlType ParseType(ColumnDefinition column)
    {
        if (column.TypeParameters.Count == 0) return CqlType.Native(column.TypeName);
        if (!CqlType.IsCollectionName(column.TypeName))
            throw new CqlRequestException(CqlServerError.Invalid($"Unknown type {column.TypeName}"));
        return CqlType.Collection(column.TypeName, column.TypeParameters.Select(CqlType.Native).ToList());
    }
}
