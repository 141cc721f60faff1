using UserStream.Cql.Protocol.Responses;
using UserStream.Cql.Types;

namespace UserStream.Cql;

/// <summary>Turns a RESULT message into the RowSet callers see.</summary>
internal static class ResultMapper
{
    public static RowSet ToRowSet(Response response, ExecutionInfo info, Func<byte[], CancellationToken, Task<RowSet>> fetchPage, bool autoPage)
    {
        if (response is not RowsResult rows) return new RowSet([], [], null, info, null, false);

        var columns = rows.Metadata.Columns;
        var index = new ColumnIndex(columns);
        var decoded = new List<Row>(rows.Rows.Count);
        foreach (var raw in rows.Rows)
        {
            var values = new object?[columns.Count];
            for (var i = 0; i < values.Length; i++) values[i] = ValueDeserializer.Deserialize(raw[i], columns[i].Type);
            decoded.Add(new Row(values, index));
        }
        return new RowSet(columns, decoded, rows.Metadata.PagingState, info, fetchPage, autoPage);
    }
}
