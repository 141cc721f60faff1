using System.Net.Sockets;
using UserStream.Cql;
using UserStream.UserStore;
using UserStream.UserStore.Cassandra;
using UserStream.Testing;

namespace UserStream.Api.Tests.UserStore;

/// <summary>Every class of error our CQL client raises on a write, as <see cref="CassandraStoreErrors"/> decides it.</summary>
public sealed class CassandraStoreErrorsTests
{
    public static TheoryData<Exception, StoreErrorKind> Exceptions => new()
    {
        { new NoHostAvailableException(new Dictionary<string, Exception> { ["127.0.0.1:9042"] = new SocketException((int)SocketError.ConnectionRefused) }), StoreErrorKind.Transient },
        { new ConnectionClosedException("127.0.0.1:9042", "reset by peer"), StoreErrorKind.Transient },
        { new OperationTimedOutException("127.0.0.1:9042", TimeSpan.FromSeconds(12)), StoreErrorKind.Transient },
        { new UnavailableException("not enough replicas", ConsistencyLevel.Quorum, 2, 1), StoreErrorKind.Transient },
        { new OverloadedException("overloaded"), StoreErrorKind.Transient },
        { new IsBootstrappingException("bootstrapping"), StoreErrorKind.Transient },
        { new WriteTimeoutException("timeout", ConsistencyLevel.Quorum, 1, 2, "BATCH"), StoreErrorKind.Transient },
        { new WriteFailureException("failed", ConsistencyLevel.Quorum, 1, 2, 1, "BATCH"), StoreErrorKind.Transient },
        { new ServerErrorException("internal"), StoreErrorKind.Transient },
        { new UnauthorizedException("no MODIFY permission"), StoreErrorKind.Transient },
        { new AuthenticationException("127.0.0.1:9042", "bad credentials"), StoreErrorKind.Transient },
        { new InvalidOperationException("something nobody foresaw"), StoreErrorKind.Transient },
        { new InvalidQueryException("Key length of 70000 is longer than maximum of 65535"), StoreErrorKind.Rejected },
        { new InvalidQueryException("Batch too large"), StoreErrorKind.Rejected },
        { new SyntaxError("line 1:0 no viable alternative"), StoreErrorKind.Rejected },
        { new InvalidTypeException("value is not a uuid"), StoreErrorKind.Rejected },
        { new InvalidQueryException("unconfigured table created_users"), StoreErrorKind.SchemaMissing },
        { new InvalidQueryException("Keyspace 'user_stream' does not exist"), StoreErrorKind.SchemaMissing },
        { new AggregateException(new InvalidQueryException("Batch too large"), new OverloadedException("busy")), StoreErrorKind.Transient },
    };

    [Theory, MemberData(nameof(Exceptions))]
    public void A_cql_error_is_classified(Exception exception, StoreErrorKind expected) =>
        Assert.Equal(expected, CassandraStoreErrors.Classify(exception));
}
