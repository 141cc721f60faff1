namespace UserStream.Cql;

/// <summary>The keyspace or table a CREATE names already exists (code 0x2400).</summary>
public sealed class AlreadyExistsException(string serverMessage, string keyspace, string table)
    : QueryValidationException(ServerErrorCode.AlreadyExists, serverMessage)
{
    /// <summary>The keyspace that exists, or that holds the existing table.</summary>
    public string Keyspace { get; } = keyspace;

    /// <summary>The table that exists; empty when the keyspace itself exists.</summary>
    public string Table { get; } = table;
}
