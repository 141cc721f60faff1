using System.Net.Sockets;
using Npgsql;

namespace UserStream.Ingestor.Ledger;

/// <summary>What a PostgreSQL error means for the ledger.</summary>
public enum PostgresErrorKind
{
    /// <summary>The server is away, restarting, overloaded or slow: the same statement can succeed later. Retry with backoff.</summary>
    Transient,

    /// <summary>The ledger's schema or a table of it is gone (a server that lost its data): create the schema again, then retry.</summary>
    SchemaMissing,

    /// <summary>The statement itself is refused (bad data, a constraint, a missing privilege, a bug): retrying cannot help.</summary>
    Permanent,
}

/// <summary>
/// The one place that classifies PostgreSQL errors for the ingestor.
/// <list type="bullet">
/// <item>Transient: what Npgsql itself marks transient (<see cref="NpgsqlException.IsTransient"/>: network errors, timeouts,
/// and server states that pass), SQLSTATE classes 08 (connection exception), 53 (insufficient resources: too many connections,
/// out of memory or disk), 57P (operator intervention: admin or crash shutdown, cannot connect now), 40001 and 40P01
/// (serialization failure, deadlock: the transaction can simply run again), 55P03 (lock not available); sockets, I/O
/// errors and timeouts without an Npgsql wrapper.</item>
/// <item>SchemaMissing: 42P01 (undefined table) and 3F000 (invalid schema name), the errors of a ledger whose server lost its data.</item>
/// <item>Permanent: every other server error (data exceptions 22, integrity 23, other syntax or access errors 42, ...)
/// and every exception that is not a database error.</item>
/// </list>
/// </summary>
public static class PostgresErrors
{
    public static PostgresErrorKind Classify(Exception exception) => exception switch
    {
        PostgresException { SqlState: "42P01" or "3F000" } => PostgresErrorKind.SchemaMissing,
        PostgresException e when IsTransientState(e.SqlState) => PostgresErrorKind.Transient,
        PostgresException e => e.IsTransient ? PostgresErrorKind.Transient : PostgresErrorKind.Permanent,
        NpgsqlException e => e.IsTransient || IsConnectionFailure(e.InnerException) ? PostgresErrorKind.Transient : PostgresErrorKind.Permanent,
        _ when IsConnectionFailure(exception) => PostgresErrorKind.Transient,
        _ => PostgresErrorKind.Permanent,
    };

    /// <summary>True for errors worth waiting out (transient, or a schema that can be created again).</summary>
    public static bool IsRecoverable(Exception exception) => Classify(exception) != PostgresErrorKind.Permanent;

    private static bool IsTransientState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal)
        || state is "40001" or "40P01" or "55P03";

    private static bool IsConnectionFailure(Exception? exception) =>
        exception is SocketException or IOException or TimeoutException
        || (exception?.InnerException is { } inner && IsConnectionFailure(inner));
}
