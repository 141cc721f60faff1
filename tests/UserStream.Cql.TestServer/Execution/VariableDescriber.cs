using UserStream.Cql.TestServer.Cql;
using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>Works out, for a prepared statement, the name and type of every bind marker and the partition key positions.</summary>
internal static class VariableDescriber
{
    public static (IReadOnlyList<ColumnSpec> Variables, IReadOnlyList<short> PartitionKeyIndexes) Describe(
        CqlStatement statement, int markerCount, Func<TableName, TableSchema> resolve)
    {
        var variables = new ColumnSpec?[markerCount];
        var keyMarkers = new Dictionary<string, int>(StringComparer.Ordinal);
        TableSchema? keyTable = null;

        void Note(Term term, TableSchema table, string column, bool isWhereEquality)
        {
            if (term is not BindMarker marker) return;
            variables[marker.Index] = new ColumnSpec(table.Keyspace, table.Name, marker.Name ?? column, table.TypeOf(column));
            if (isWhereEquality && table.IsPartitionKey(column)) keyMarkers[column] = marker.Index;
        }

        void NoteWhere(IEnumerable<Relation> relations, TableSchema table)
        {
            foreach (var relation in relations)
                foreach (var term in relation.Values)
                    Note(term, table, relation.Column, relation.Values.Count == 1);
        }

        void Walk(CqlStatement s)
        {
            switch (s)
            {
                case InsertStatement insert:
                    keyTable = resolve(insert.Table);
                    for (var i = 0; i < insert.Columns.Count; i++) Note(insert.Values[i], keyTable, insert.Columns[i], true);
                    break;
                case UpdateStatement update:
                    keyTable = resolve(update.Table);
                    foreach (var (column, value) in update.Assignments) Note(value, keyTable, column, false);
                    NoteWhere(update.Where, keyTable);
                    break;
                case DeleteStatement delete:
                    keyTable = resolve(delete.Table);
                    NoteWhere(delete.Where, keyTable);
                    break;
                case SelectStatement select:
                    keyTable = resolve(select.Table);
                    NoteWhere(select.Where, keyTable);
                    if (select.Limit is BindMarker limit)
                        variables[limit.Index] = new ColumnSpec(keyTable.Keyspace, keyTable.Name, limit.Name ?? "[limit]", CqlType.Int);
                    break;
                case BatchBlockStatement batch:
                    foreach (var inner in batch.Statements) Walk(inner);
                    keyTable = null; // routing a multi-statement batch by one key would be a guess
                    break;
            }
        }

        Walk(statement);
        if (variables.Any(v => v is null))
            throw new CqlRequestException(CqlServerError.Invalid("bind markers are only supported for column values and LIMIT"));

        IReadOnlyList<short> keyIndexes = keyTable is not null && keyTable.PartitionKey.All(keyMarkers.ContainsKey)
            ? keyTable.PartitionKey.Select(c => (short)keyMarkers[c]).ToList()
            : [];
        return (variables!, keyIndexes);
    }
}
