using UserStream.Cql.TestServer.Cql;
using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>
/// Validates INSERT, UPDATE and DELETE against the schema and returns the change as an action, so
/// a batch can check every statement before applying any (all or nothing).
/// </summary>
internal static class MutationPlanner
{
    public static Action Plan(CqlStatement statement, TableData table, BoundValues values) => statement switch
    {
        InsertStatement insert => PlanInsert(insert, table, values),
        UpdateStatement update => PlanUpdate(update, table, values),
        DeleteStatement delete => PlanDelete(delete, table, values),
        _ => throw new CqlRequestException(CqlServerError.Invalid("Only INSERT, UPDATE and DELETE statements are allowed in a batch")),
    };

    private static Action PlanInsert(InsertStatement insert, TableData table, BoundValues values)
    {
        var schema = table.Schema;
        var byColumn = new Dictionary<string, Term>(StringComparer.Ordinal);
        for (var i = 0; i < insert.Columns.Count; i++)
        {
            schema.TypeOf(insert.Columns[i]);
            if (!byColumn.TryAdd(insert.Columns[i], insert.Values[i]))
                throw new CqlRequestException(CqlServerError.Invalid($"Multiple definitions found for column {insert.Columns[i]}"));
        }
        var missing = schema.PrimaryKey.Where(c => !byColumn.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new CqlRequestException(CqlServerError.Invalid($"Some primary key parts are missing: {string.Join(", ", missing)}"));

        var key = KeyFrom(schema, column => values.ResolveRequired(byColumn[column], schema.TypeOf(column), column));
        var cells = byColumn.Where(p => !schema.IsPrimaryKey(p.Key))
            .Select(p => (Column: p.Key, Value: values.Resolve(p.Value, schema.TypeOf(p.Key), p.Key)))
            .ToList();
        return () => Write(table, key, cells);
    }

    private static Action PlanUpdate(UpdateStatement update, TableData table, BoundValues values)
    {
        var schema = table.Schema;
        var cells = update.Assignments.Select(a =>
        {
            if (schema.IsPrimaryKey(a.Column))
                throw new CqlRequestException(CqlServerError.Invalid($"PRIMARY KEY part {a.Column} found in SET part"));
            return (Column: a.Column, Value: values.Resolve(a.Value, schema.TypeOf(a.Column), a.Column));
        }).ToList();
        var key = KeyFromWhere(schema, update.Where, values, requireFullKey: true);
        return () => Write(table, new RowKey(key), cells);
    }

    private static Action PlanDelete(DeleteStatement delete, TableData table, BoundValues values)
    {
        var schema = table.Schema;
        foreach (var column in delete.Columns.Where(c => schema.TypeOf(c) is { } && schema.IsPrimaryKey(c)))
            throw new CqlRequestException(CqlServerError.Invalid($"Invalid identifier {column} for deletion (should not be a PRIMARY KEY part)"));
        var prefix = KeyFromWhere(schema, delete.Where, values, requireFullKey: false);
        return () =>
        {
            var rows = prefix.Count == schema.PrimaryKey.Count
                ? new[] { table.Find(new RowKey(prefix)) }.OfType<StoredRow>().ToList()
                : table.Scan(null).Where(r => StartsWith(r.Key, prefix)).ToList();
            foreach (var row in rows)
            {
                if (delete.Columns.Count == 0) table.Remove(row.Key);
                else foreach (var column in delete.Columns) row.Cells.Remove(column);
            }
        };
    }

    private static void Write(TableData table, RowKey key, IReadOnlyList<(string Column, Protocol.BoundValue Value)> cells)
    {
        var row = table.GetOrAdd(key);
        var schema = table.Schema;
        for (var i = 0; i < schema.PrimaryKey.Count; i++) row.Cells[schema.PrimaryKey[i]] = key.Components[i];
        foreach (var (column, value) in cells)
        {
            if (value.IsNotSet) continue;
            if (value.Bytes is null) row.Cells.Remove(column);
            else row.Cells[column] = value.Bytes;
        }
    }

    private static RowKey KeyFrom(TableSchema schema, Func<string, byte[]> valueOf)
    {
        var components = schema.PrimaryKey.Select(valueOf).ToList();
        for (var i = 0; i < schema.PartitionKey.Count; i++)
            if (components[i].Length == 0)
                throw new CqlRequestException(CqlServerError.Invalid("Key may not be empty"));
        return new RowKey(components);
    }

    /// <summary>The key (or key prefix) a WHERE clause of equalities names; the partition key is always required.</summary>
    private static List<byte[]> KeyFromWhere(TableSchema schema, IReadOnlyList<Relation> where, BoundValues values, bool requireFullKey)
    {
        var byColumn = new Dictionary<string, Relation>(StringComparer.Ordinal);
        foreach (var relation in where)
        {
            schema.TypeOf(relation.Column);
            if (!schema.IsPrimaryKey(relation.Column))
                throw new CqlRequestException(CqlServerError.Invalid($"Non PRIMARY KEY columns found in where clause: {relation.Column}"));
            if (relation.Values.Count != 1)
                throw new CqlRequestException(CqlServerError.Invalid("IN restrictions in modifications are not supported by the test server"));
            byColumn[relation.Column] = relation;
        }
        var prefix = new List<byte[]>();
        foreach (var column in schema.PrimaryKey)
        {
            if (!byColumn.TryGetValue(column, out var relation)) break;
            prefix.Add(values.ResolveRequired(relation.Values[0], schema.TypeOf(column), column));
        }
        var needed = requireFullKey ? schema.PrimaryKey.Count : schema.PartitionKey.Count;
        if (prefix.Count < needed || prefix.Count != byColumn.Count)
            throw new CqlRequestException(CqlServerError.Invalid(
                $"Some primary key parts are missing: {string.Join(", ", schema.PrimaryKey.Where(c => !byColumn.ContainsKey(c)))}"));
        if (prefix.Take(schema.PartitionKey.Count).Any(c => c.Length == 0))
            throw new CqlRequestException(CqlServerError.Invalid("Key may not be empty"));
        return prefix;
    }

    private static bool StartsWith(RowKey key, List<byte[]> prefix) =>
        prefix.Select((component, i) => key.Components[i].AsSpan().SequenceEqual(component)).All(x => x);
}
