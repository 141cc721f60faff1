using UserStream.Cql.Protocol;
using UserStream.Cql.Protocol.Requests;
using UserStream.Cql.Types;

namespace UserStream.Cql;

/// <summary>Turns a statement plus the cluster's defaults into the QUERY, EXECUTE or BATCH request to send.</summary>
internal sealed class StatementRequestBuilder(QueryOptions defaults)
{
    public IRequest Build(Statement statement, byte[]? pagingState) => statement switch
    {
        SimpleStatement simple => new QueryRequest(simple.QueryString, Parameters(simple, EncodeSimple(simple), simple.ValueNames, pagingState)),
        BoundStatement bound => new ExecuteRequest(bound.PreparedStatement.Id, Parameters(bound, EncodeBound(bound), null, pagingState)),
        BatchStatement batch => new BatchRequest(
            batch.BatchType,
            [.. batch.Statements.Select(ToBatchEntry)],
            batch.ConsistencyLevel ?? defaults.ConsistencyLevel,
            batch.SerialConsistencyLevel ?? defaults.SerialConsistencyLevel),
        _ => throw new ArgumentException($"Unsupported statement type {statement.GetType().Name}."),
    };

    private QueryParameters Parameters(Statement statement, IReadOnlyList<EncodedValue> values, IReadOnlyList<string>? names, byte[]? pagingState) => new(
        statement.ConsistencyLevel ?? defaults.ConsistencyLevel,
        values,
        names,
        statement.PageSize > 0 ? statement.PageSize : defaults.PageSize,
        pagingState,
        statement.SerialConsistencyLevel ?? defaults.SerialConsistencyLevel);

    private static BatchEntry ToBatchEntry(Statement statement) => statement switch
    {
        SimpleStatement simple => new BatchEntry(simple.QueryString, null, EncodeSimple(simple)),
        BoundStatement bound => new BatchEntry(null, bound.PreparedStatement.Id, EncodeBound(bound)),
        _ => throw new ArgumentException($"A batch cannot hold a {statement.GetType().Name}."),
    };

    private static EncodedValue[] EncodeSimple(SimpleStatement statement) =>
        [.. statement.QueryValues.Select(v => ValueSerializer.Encode(v, null))];

    private static EncodedValue[] EncodeBound(BoundStatement statement)
    {
        var variables = statement.PreparedStatement.Variables;
        var values = new EncodedValue[statement.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = ValueSerializer.Encode(statement.Values[i], variables[i].Type);
            }
            catch (InvalidTypeException ex)
            {
                throw new InvalidTypeException($"Bind variable {variables[i].Name} ({variables[i].Type}): {ex.Message}");
            }
        }
        return values;
    }
}
