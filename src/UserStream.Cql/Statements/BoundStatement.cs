namespace UserStream.Cql;

/// <summary>A prepared statement with values bound to it, executed with EXECUTE.</summary>
public sealed class BoundStatement : Statement
{
    internal BoundStatement(PreparedStatement prepared, object?[] values)
    {
        PreparedStatement = prepared;
        Values = values;
    }

    /// <summary>The prepared statement this was bound from.</summary>
    public PreparedStatement PreparedStatement { get; }

    /// <summary>One value per bind variable; <see cref="Unset.Value"/> where none was given.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <inheritdoc />
    public override string QueryString => PreparedStatement.Cql;
}
