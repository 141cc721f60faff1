using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace UserStream.UserStore.Postgres;

/// <summary>
/// The one place that decides what a PostgreSQL error means for a write of users. Rejected only when the values
/// are at fault, so that retrying cannot help but another user would pass: data exceptions (SQLSTATE class 22),
/// integrity violations (23, except a unique violation of the upsert's own key, which a concurrent writer can
/// cause and a retry resolves), program limits (54, e.g. an index row too large), and values Npgsql cannot
/// encode. Undefined schema or table (3F000, 42P01) is <see cref="StoreErrorKind.SchemaMissing"/>. Everything
/// else, including connection failures (08), resources (53), operator intervention (57), syntax and privileges
/// (42) and unknown exceptions, is transient: it would fail every batch alike, so dead-lettering would throw
/// good users away, and the processor's health names the error until someone fixes it.
/// </summary>
public static class PostgresStoreErrors
{
    /// <summary>The primary key the upsert's ON CONFLICT names.</summary>
    public const string UpsertKeyConstraint = "created_users_pkey";

    public static StoreErrorKind Classify(Exception exception)
    {
        switch (exception)
        {
            case PostgresException postgres:
                return ClassifyState(postgres.SqlState, postgres.ConstraintName);
            case NpgsqlException:
            case SocketException:
            case IOException:
            case TimeoutException:
                return StoreErrorKind.Transient;
            // Raised while Npgsql encodes a parameter (a lone surrogate in a string, an out-of-range value).
            case EncoderFallbackException:
            case InvalidCastException:
            case OverflowException:
                return StoreErrorKind.Rejected;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Select(Classify).DefaultIfEmpty(StoreErrorKind.Transient).Min();
            default:
                return StoreErrorKind.Transient;
        }
    }

    /// <summary>By SQLSTATE (and, for a unique violation, the constraint).</summary>
    public static StoreErrorKind ClassifyState(string sqlState, string? constraintName = null)
    {
        if (sqlState is "42P01" or "3F000")
            return StoreErrorKind.SchemaMissing;
        if (sqlState == "23505" && constraintName == UpsertKeyConstraint)
            return StoreErrorKind.Transient;
        return sqlState.Length == 5 && sqlState[..2] is "22" or "23" or "54"
            ? StoreErrorKind.Rejected
            : StoreErrorKind.Transient;
    }
}
