namespace UserStream.Cql;

/// <summary>Executes statements against the cluster; safe for concurrent use; one per application is enough.</summary>
public interface ISession : IDisposable, IAsyncDisposable
{
    /// <summary>The keyspace unqualified table names resolve in; changes when a USE statement runs.</summary>
    string? Keyspace { get; }

    /// <summary>The cluster this session belongs to.</summary>
    Cluster Cluster { get; }

    /// <summary>Executes a simple, bound or batch statement.</summary>
    Task<RowSet> ExecuteAsync(IStatement statement, CancellationToken cancellationToken = default);

    /// <summary>Executes CQL text without values.</summary>
    Task<RowSet> ExecuteAsync(string cql, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prepares a statement on every host that is up (a host that comes up later prepares it before its first
    /// use there); bind it for each execution. It belongs to the session's current keyspace.
    /// </summary>
    Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default);

    /// <summary>Closes the session's connections.</summary>
    Task ShutdownAsync();
}
