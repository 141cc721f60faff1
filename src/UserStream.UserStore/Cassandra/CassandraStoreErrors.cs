using System.Net.Sockets;
using UserStream.Cql;

namespace UserStream.UserStore.Cassandra;

/// <summary>
/// The one place that decides what an error of our CQL client means for a write of users. Rejected when the
/// statement as bound is refused: invalid query (a value too large for a key, a batch too large), syntax, a
/// value that cannot be converted to its CQL type, a failing function. An invalid query naming a keyspace or
/// table that does not exist is <see cref="StoreErrorKind.SchemaMissing"/>. Everything else is transient:
/// no host, connection closed, client and server timeouts, unavailable replicas, overload, bootstrapping,
/// server errors, authentication and permissions (an operator's fix), and unknown exceptions.
/// </summary>
public static class CassandraStoreErrors
{
    public static StoreErrorKind Classify(Exception exception) => exception switch
    {
        InvalidQueryException invalid when IsMissingSchema(invalid.ServerMessage) => StoreErrorKind.SchemaMissing,
        InvalidQueryException or SyntaxError or InvalidTypeException or FunctionFailureException => StoreErrorKind.Rejected,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Classify).DefaultIfEmpty(StoreErrorKind.Transient).Min(),
        NoHostAvailableException or ConnectionClosedException or OperationTimedOutException => StoreErrorKind.Transient,
        QueryExecutionException or OverloadedException or IsBootstrappingException or ServerErrorException => StoreErrorKind.Transient,
        SocketException or IOException or TimeoutException => StoreErrorKind.Transient,
        _ => StoreErrorKind.Transient,
    };

    /// <summary>Cassandra's wording for a statement on a keyspace or table that is not there.</summary>
    private static bool IsMissingSchema(string message) =>
        message.Contains("unconfigured table", StringComparison.OrdinalIgnoreCase)
        || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase);
}
