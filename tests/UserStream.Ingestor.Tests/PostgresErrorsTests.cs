using System.Net.Sockets;
using Npgsql;
using UserStream.Ingestor.Ledger;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>The ingestor's one classification of PostgreSQL errors, one test per class.</summary>
public sealed class PostgresErrorsTests
{
    [Theory]
    [InlineData("08000")] // connection exception
    [InlineData("08006")] // connection failure
    [InlineData("08001")] // client unable to establish connection
    [InlineData("57P01")] // admin shutdown (a restart)
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now (starting up, recovering)
    [InlineData("53300")] // too many connections
    [InlineData("53100")] // disk full
    [InlineData("53200")] // out of memory
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock detected
    [InlineData("55P03")] // lock not available
    public void Server_states_that_pass_are_transient(string sqlState) =>
        Assert.Equal(PostgresErrorKind.Transient, PostgresErrors.Classify(Server(sqlState)));

    [Fact]
    public void Network_errors_and_timeouts_are_transient()
    {
        Assert.Equal(PostgresErrorKind.Transient, PostgresErrors.Classify(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(PostgresErrorKind.Transient, PostgresErrors.Classify(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.Equal(PostgresErrorKind.Transient, PostgresErrors.Classify(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.Equal(PostgresErrorKind.Transient, PostgresErrors.Classify(new TimeoutException()));
        Assert.Equal(PostgresErrorKind.Transient, PostgresErrors.Classify(new IOException("broken pipe", new SocketException((int)SocketError.ConnectionReset))));
    }

    [Theory]
    [InlineData("42P01")] // undefined table
    [InlineData("3F000")] // invalid schema name
    public void A_ledger_whose_server_lost_its_data_is_schema_missing(string sqlState) =>
        Assert.Equal(PostgresErrorKind.SchemaMissing, PostgresErrors.Classify(Server(sqlState)));

    [Theory]
    [InlineData("22021")] // character not in repertoire (a NUL)
    [InlineData("22001")] // string data right truncation
    [InlineData("23505")] // unique violation
    [InlineData("23503")] // foreign key violation
    [InlineData("42601")] // syntax error
    [InlineData("42703")] // undefined column
    [InlineData("42501")] // insufficient privilege
    [InlineData("28P01")] // invalid password
    [InlineData("XX000")] // internal error
    public void Statements_the_server_refuses_are_permanent(string sqlState) =>
        Assert.Equal(PostgresErrorKind.Permanent, PostgresErrors.Classify(Server(sqlState)));

    [Fact]
    public void Exceptions_that_are_not_database_errors_are_permanent()
    {
        Assert.Equal(PostgresErrorKind.Permanent, PostgresErrors.Classify(new InvalidOperationException("a bug")));
        Assert.Equal(PostgresErrorKind.Permanent, PostgresErrors.Classify(new InvalidCastException()));
        Assert.Equal(PostgresErrorKind.Permanent, PostgresErrors.Classify(new NpgsqlException("no connection string")));
    }

    private static PostgresException Server(string sqlState) => new("test", "ERROR", "ERROR", sqlState);
}
