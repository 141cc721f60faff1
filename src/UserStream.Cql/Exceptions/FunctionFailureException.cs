namespace UserStream.Cql;

/// <summary>A user-defined function failed (code 0x1400).</summary>
public sealed class FunctionFailureException(string serverMessage, string keyspace, string function, IReadOnlyList<string> argumentTypes)
    : QueryExecutionException(ServerErrorCode.FunctionFailure, serverMessage)
{
    /// <summary>Keyspace of the function.</summary>
    public string Keyspace { get; } = keyspace;

    /// <summary>Name of the function.</summary>
    public string Function { get; } = function;

    /// <summary>CQL types of the function's arguments.</summary>
    public IReadOnlyList<string> ArgumentTypes { get; } = argumentTypes;
}
