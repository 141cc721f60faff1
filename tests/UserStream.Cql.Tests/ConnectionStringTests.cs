using UserStream.Cql;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>The ConnectionStrings__cassandra format.</summary>
public class ConnectionStringTests
{
    [Fact]
    public void Connection_string_gives_contact_points_port_credentials_and_keyspace()
    {
        var parsed = CqlConnectionString.Parse("Contact Points=cass1, cass2:9043;Port=19042;Username=app;Password=\"p=ss;w0rd\";Default Keyspace=user_stream");

        Assert.Equal(["cass1", "cass2:9043"], parsed.ContactPoints);
        Assert.Equal(19042, parsed.Port);
        Assert.Equal(("app", "p=ss;w0rd"), (parsed.Username, parsed.Password));
        Assert.Equal("user_stream", parsed.DefaultKeyspace);
    }

    [Fact]
    public void Cluster_from_connection_string_applies_port_to_hosts_without_one()
    {
        using var cluster = Cluster.FromConnectionString("Contact Points=cass1,cass2:9043;Port=19042;Default Keyspace=user_stream");

        Assert.Equal(["cass1:19042", "cass2:9043"], cluster.AllHosts().Select(h => h.Address));
        Assert.Equal("user_stream", cluster.DefaultKeyspace);
    }

    [Theory]
    [InlineData("Port=9042")]
    [InlineData("Contact Points=a;Port=notaport")]
    [InlineData("Contact Points=a;Keyspce=typo")]
    public void Invalid_connection_strings_are_rejected_with_the_reason(string connectionString) =>
        Assert.Throws<FormatException>(() => CqlConnectionString.Parse(connectionString));
}
