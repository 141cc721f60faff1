using System.Net.Sockets;
using System.Text;
using Npgsql;
using UserStream.UserStore;
using UserStream.UserStore.Postgres;
using UserStream.Testing;

namespace UserStream.Api.Tests.UserStore;

/// <summary>Every class of PostgreSQL write error, as <see cref="PostgresStoreErrors"/> decides it.</summary>
public sealed class PostgresStoreErrorsTests
{
    [Theory]
    [InlineData("08006", StoreErrorKind.Transient)] // connection failure
    [InlineData("08001", StoreErrorKind.Transient)] // unable to connect
    [InlineData("57P01", StoreErrorKind.Transient)] // admin shutdown
    [InlineData("57P03", StoreErrorKind.Transient)] // cannot connect now (starting up)
    [InlineData("57014", StoreErrorKind.Transient)] // statement timeout
    [InlineData("53300", StoreErrorKind.Transient)] // too many connections
    [InlineData("53100", StoreErrorKind.Transient)] // disk full
    [InlineData("40001", StoreErrorKind.Transient)] // serialization failure
    [InlineData("40P01", StoreErrorKind.Transient)] // deadlock
    [InlineData("42501", StoreErrorKind.Transient)] // insufficient privilege: every batch alike, an operator's fix
    [InlineData("42601", StoreErrorKind.Transient)] // syntax error: ours, every batch alike
    [InlineData("XX000", StoreErrorKind.Transient)] // internal error
    [InlineData("22021", StoreErrorKind.Rejected)]  // character not in repertoire (a NUL)
    [InlineData("22001", StoreErrorKind.Rejected)]  // string data right truncation
    [InlineData("22P02", StoreErrorKind.Rejected)]  // invalid text representation
    [InlineData("23514", StoreErrorKind.Rejected)]  // check violation
    [InlineData("23502", StoreErrorKind.Rejected)]  // not null violation
    [InlineData("54000", StoreErrorKind.Rejected)]  // program limit (index row too large)
    [InlineData("42P01", StoreErrorKind.SchemaMissing)] // undefined table
    [InlineData("3F000", StoreErrorKind.SchemaMissing)] // undefined schema
    public void A_server_error_is_classified_by_its_sqlstate(string sqlState, StoreErrorKind expected) =>
        Assert.Equal(expected, PostgresStoreErrors.Classify(new PostgresException("test", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_unique_violation_of_the_upsert_key_is_transient_and_of_any_other_constraint_rejected()
    {
        Assert.Equal(StoreErrorKind.Transient, PostgresStoreErrors.ClassifyState("23505", PostgresStoreErrors.UpsertKeyConstraint));
        Assert.Equal(StoreErrorKind.Rejected, PostgresStoreErrors.ClassifyState("23505", "created_users_email_key"));
    }

    public static TheoryData<Exception, StoreErrorKind> Exceptions => new()
    {
        { new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), StoreErrorKind.Transient },
        { new NpgsqlException("Exception while reading from stream", new IOException("connection reset")), StoreErrorKind.Transient },
        { new NpgsqlException("Exception while reading from stream", new TimeoutException()), StoreErrorKind.Transient },
        { new SocketException((int)SocketError.ConnectionReset), StoreErrorKind.Transient },
        { new TimeoutException(), StoreErrorKind.Transient },
        { new InvalidOperationException("something nobody foresaw"), StoreErrorKind.Transient },
        { new EncoderFallbackException("lone surrogate"), StoreErrorKind.Rejected },
        { new InvalidCastException("cannot write"), StoreErrorKind.Rejected },
        { new AggregateException(new PostgresException("t", "ERROR", "ERROR", "22021"), new TimeoutException()), StoreErrorKind.Transient },
        { new AggregateException(new PostgresException("t", "ERROR", "ERROR", "22021")), StoreErrorKind.Rejected },
    };

    [Theory, MemberData(nameof(Exceptions))]
    public void A_client_side_error_is_transient_unless_a_value_could_not_be_encoded(Exception exception, StoreErrorKind expected) =>
        Assert.Equal(expected, PostgresStoreErrors.Classify(exception));
}
