namespace UserStream.Cql;

/// <summary>Several simple or bound statements sent as one BATCH.</summary>
public sealed class BatchStatement : Statement
{
    private readonly List<Statement> _statements = [];

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>Logged (default), unlogged or counter.</summary>
    public BatchType BatchType { get; private set; } = BatchType.Logged;

    /// <inheritdoc />
    public override string QueryString => string.Join("; ", _statements.Select(s => s.QueryString));

    /// <summary>Adds a <see cref="SimpleStatement"/> or <see cref="BoundStatement"/>.</summary>
    public BatchStatement Add(IStatement statement)
    {
        switch (statement)
        {
            case SimpleStatement { ValueNames: not null }:
                throw new ArgumentException("Statements with named values cannot go in a batch (protocol v4); use positional values.", nameof(statement));
            case SimpleStatement or BoundStatement:
                _statements.Add((Statement)statement);
                return this;
            default:
                throw new ArgumentException($"A batch takes simple and bound statements, not {statement.GetType().Name}.", nameof(statement));
        }
    }

    /// <summary>Sets the kind of batch.</summary>
    public BatchStatement SetBatchType(BatchType batchType)
    {
        BatchType = batchType;
        return this;
    }
}
