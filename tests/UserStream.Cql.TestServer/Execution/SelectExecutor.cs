using UserStream.Cql.TestServer.Cql;
using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>Runs a SELECT: key lookups or scans in key order, LIMIT, and paging by page size and paging state.</summary>
internal static class SelectExecutor
{
    public static IReadOnlyList<ColumnSpec> DescribeResult(SelectStatement select, TableSchema schema) =>
        select.CountRows
            ? [new ColumnSpec(schema.Keyspace, schema.Name, "count", CqlType.BigInt)]
            : (select.Columns ?? schema.Columns).Select(c => new ColumnSpec(schema.Keyspace, schema.Name, c, schema.TypeOf(c))).ToList();

    public static RowsResult Execute(SelectStatement select, TableData table, BoundValues values, int pageSize, byte[]? pagingState)
    {
        var schema = table.Schema;
        var columns = DescribeResult(select, schema);
        var filters = ResolveFilters(select, schema, values);
        var limit = ResolveLimit(select, values);
        var matching = Candidates(table, filters, pagingState is null ? null : PagingState.Decode(pagingState, schema.PrimaryKey.Count), out var returnedBefore)
            .Where(row => filters.All(f => f.Allowed.Any(v => row.Get(f.Column) is { } cell && cell.AsSpan().SequenceEqual(v))));

        if (select.CountRows)
            return new RowsResult(columns, [[ValueCodec.BigEndian((long)matching.Count())]], null);

        var budget = limit - returnedBefore;
        var take = Math.Max(0, pageSize > 0 ? Math.Min(pageSize, budget) : budget);
        var page = new List<StoredRow>();
        var hasMore = false;
        foreach (var row in matching)
        {
            if (page.Count == take)
            {
                hasMore = page.Count < budget;
                break;
            }
            page.Add(row);
        }
        var next = hasMore ? new PagingState(page[^1].Key, returnedBefore + page.Count).Encode() : null;
        var rows = page.Select(row => columns.Select(c => row.Get(c.Name)).ToArray()).ToList();
        return new RowsResult(columns, rows, next);
    }

    private static IEnumerable<StoredRow> Candidates(TableData table, IReadOnlyList<Filter> filters, PagingState? resume, out int returnedBefore)
    {
        returnedBefore = resume?.RowsReturned ?? 0;
        var schema = table.Schema;
        var exactKey = schema.PrimaryKey.All(c => filters.Any(f => f.Column == c && f.Allowed.Count == 1));
        if (exactKey)
        {
            var key = new RowKey(schema.PrimaryKey.Select(c => filters.First(f => f.Column == c).Allowed[0]).ToList());
            var row = resume is null || key.CompareTo(resume.LastKey) > 0 ? table.Find(key) : null;
            return row is null ? [] : [row];
        }
        return table.Scan(resume?.LastKey); // enumerated by the caller while it holds the database lock
    }

    private static List<Filter> ResolveFilters(SelectStatement select, TableSchema schema, BoundValues values)
    {
        var filters = select.Where.Select(r => new Filter(r.Column,
            r.Values.Select(v => values.ResolveRequired(v, schema.TypeOf(r.Column), r.Column)).ToList())).ToList();
        if (!select.AllowFiltering && !RestrictsKeyPrefix(schema, filters))
            throw new CqlRequestException(CqlServerError.Invalid(
                "This query would have to filter rows on the server; add ALLOW FILTERING if that is intended"));
        return filters;
    }

    // Without ALLOW FILTERING only these are allowed: nothing, or the whole partition key plus a leading part of the clustering key.
    private static bool RestrictsKeyPrefix(TableSchema schema, List<Filter> filters)
    {
        if (filters.Count == 0) return true;
        var restricted = filters.Select(f => f.Column).ToHashSet(StringComparer.Ordinal);
        if (!schema.PartitionKey.All(restricted.Contains)) return false;
        var clusteringPrefix = schema.ClusteringKey.TakeWhile(restricted.Contains).Count();
        return restricted.Count == schema.PartitionKey.Count + clusteringPrefix;
    }

    private static int ResolveLimit(SelectStatement select, BoundValues values)
    {
        if (select.Limit is null) return int.MaxValue;
        var bytes = values.ResolveRequired(select.Limit, CqlType.Int, "[limit]");
        var limit = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes);
        return limit > 0 ? limit : throw new CqlRequestException(CqlServerError.Invalid($"LIMIT must be strictly positive, got {limit}"));
    }

    private sealed record Filter(string Column, IReadOnlyList<byte[]> Allowed);
}
