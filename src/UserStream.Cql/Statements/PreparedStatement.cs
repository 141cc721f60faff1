using System.Reflection;
using System.Runtime.CompilerServices;

namespace UserStream.Cql;

/// <summary>A statement the server has parsed once (PREPARE); bind values to it for each execution.</summary>
public sealed class PreparedStatement
{
    private byte[] _id;

    internal PreparedStatement(byte[] id, string cql, string? keyspace, IReadOnlyList<CqlColumn> variables, IReadOnlyList<int> partitionKeyIndexes, IReadOnlyList<CqlColumn> resultColumns)
    {
        _id = id;
        Cql = cql;
        Keyspace = keyspace;
        Variables = variables;
        PartitionKeyIndexes = partitionKeyIndexes;
        ResultColumns = resultColumns;
    }

    /// <summary>The server's id for the statement. Changes if the session had to prepare it again.</summary>
    public byte[] Id => Volatile.Read(ref _id);

    /// <summary>The CQL text that was prepared.</summary>
    public string Cql { get; }

    /// <summary>
    /// The keyspace the session was using when it prepared the statement. If a node must prepare it again while
    /// the session is in another keyspace, the session refuses (<see cref="PreparedStatementKeyspaceMismatchException"/>).
    /// </summary>
    public string? Keyspace { get; }

    /// <summary>The bind variables, in marker order, with their CQL types.</summary>
    public IReadOnlyList<CqlColumn> Variables { get; }

    /// <summary>Indexes of the variables that make up the partition key.</summary>
    public IReadOnlyList<int> PartitionKeyIndexes { get; }

    /// <summary>The columns a result of this statement has (empty for writes).</summary>
    public IReadOnlyList<CqlColumn> ResultColumns { get; }

    /// <summary>Default consistency of statements bound from this one; null means the cluster's default.</summary>
    public ConsistencyLevel? ConsistencyLevel { get; private set; }

    /// <summary>Sets the default consistency of statements bound from this one.</summary>
    public PreparedStatement SetConsistencyLevel(ConsistencyLevel? consistency)
    {
        ConsistencyLevel = consistency;
        return this;
    }

    /// <summary>
    /// Binds values: positionally, or by name when the single argument is an anonymous object
    /// (<c>Bind(new { id, email })</c>). Variables left without a value are sent as unset.
    /// </summary>
    public BoundStatement Bind(params object?[] values)
    {
        values ??= [null];
        var ordered = values.Length == 1 && IsAnonymous(values[0]) ? ByName(values[0]!) : values;
        if (ordered.Length > Variables.Count)
            throw new ArgumentException($"The statement has {Variables.Count} bind variables but {ordered.Length} values were given.", nameof(values));
        var all = new object?[Variables.Count];
        for (var i = 0; i < all.Length; i++) all[i] = i < ordered.Length ? ordered[i] : Unset.Value;
        var bound = new BoundStatement(this, all);
        if (ConsistencyLevel is not null) bound.SetConsistencyLevel(ConsistencyLevel);
        return bound;
    }

    internal void ReplaceId(byte[] id) => Volatile.Write(ref _id, id);

    private object?[] ByName(object named)
    {
        var properties = named.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var values = new object?[Variables.Count];
        for (var i = 0; i < Variables.Count; i++)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, Variables[i].Name, StringComparison.OrdinalIgnoreCase));
            values[i] = property is null ? Unset.Value : property.GetValue(named);
        }
        var unknown = properties.Where(p => !Variables.Any(v => string.Equals(v.Name, p.Name, StringComparison.OrdinalIgnoreCase))).Select(p => p.Name).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"The statement has no bind variables named {string.Join(", ", unknown)}.");
        return values;
    }

    private static bool IsAnonymous(object? value) =>
        value is not null
        && value.GetType().IsDefined(typeof(CompilerGeneratedAttribute), false)
        && value.GetType().Name.Contains("AnonymousType", StringComparison.Ordinal);
}
