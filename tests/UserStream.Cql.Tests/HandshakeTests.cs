using System.Text;
using UserStream.Cql;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Connecting: OPTIONS/STARTUP on v4, password authentication, keyspace, and servers that cannot speak v4.</summary>
public class HandshakeTests
{
    [Fact]
    public async Task Client_connects_from_connection_string_and_switches_to_default_keyspace()
    {
        await using var peer = new ScriptedCqlPeer();
        await using var cluster = Cluster.FromConnectionString($"Contact Points=127.0.0.1;Port={peer.Port};Default Keyspace=user_stream");

        await using var session = await cluster.ConnectAsync();

        Assert.Equal("user_stream", session.Keyspace);
        var requests = peer.Requests.ToArray();
        Assert.Equal([PeerRequest.Options, PeerRequest.Startup, PeerRequest.Query], requests.Select(r => r.Opcode));
        Assert.Equal("USE user_stream", requests[2].Text);
        // The STARTUP the client actually put on the wire is the one the Python driver encodes.
        var startup = requests[1];
        var reference = PythonReference.EncodeOne(new { message = "startup", stream = startup.Stream, cql_version = "3.0.0" });
        Assert.Equal(Convert.ToHexString(reference[9..]), Convert.ToHexString(startup.Body));
        Assert.All(requests, r => Assert.Equal(0x04, r.Version));
    }

    [Fact]
    public async Task Client_authenticates_with_sasl_plain_when_server_asks()
    {
        await using var peer = new ScriptedCqlPeer(Authenticating("cassandra", "s3cret"));
        await using var cluster = peer.ClusterBuilder().WithCredentials("cassandra", "s3cret").Build();

        await using var session = await cluster.ConnectAsync();

        var authResponse = peer.Requests.Single(r => r.Opcode == PeerRequest.AuthResponse);
        var reference = PythonReference.EncodeOne(new { message = "auth_response", stream = authResponse.Stream, token = Convert.ToHexString("\0cassandra\0s3cret"u8) });
        Assert.Equal(Convert.ToHexString(reference[9..]), Convert.ToHexString(authResponse.Body));
    }

    [Fact]
    public async Task Client_reports_bad_credentials_with_the_servers_message()
    {
        await using var peer = new ScriptedCqlPeer(Authenticating("cassandra", "right"));
        await using var cluster = peer.ClusterBuilder().WithCredentials("cassandra", "wrong").Build();

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => cluster.ConnectAsync());

        Assert.Equal(ServerErrorCode.BadCredentials, error.ServerCode);
        Assert.Contains("Provided username cassandra and/or password are incorrect", error.Message);
    }

    [Fact]
    public async Task Client_without_credentials_fails_clearly_when_server_requires_authentication()
    {
        await using var peer = new ScriptedCqlPeer(Authenticating("cassandra", "s3cret"));
        await using var cluster = peer.ClusterBuilder().Build();

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => cluster.ConnectAsync());

        Assert.Null(error.ServerCode);
        Assert.Contains("PasswordAuthenticator", error.Message);
        Assert.DoesNotContain(peer.Requests, r => r.Opcode == PeerRequest.AuthResponse);
    }

    [Fact]
    public async Task Client_reports_a_server_that_answers_with_protocol_v3()
    {
        // What Cassandra 2.1 does: a protocol error, framed in the highest version it speaks.
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            var body = new SpecFrames().Int(0x000A).String("Invalid or unsupported protocol version (4); the lowest supported version is 1 and the greatest is 3");
            await connection.SendAsync(body.Frame(SpecFrames.Error, request.Stream, version: 0x83));
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();

        var error = await Assert.ThrowsAsync<UnsupportedProtocolVersionException>(() => cluster.ConnectAsync());

        Assert.Equal(3, error.ServerVersion);
        Assert.Contains("greatest is 3", error.ServerMessage);
        Assert.Contains("does not support CQL native protocol v4", error.Message);
    }

    [Fact]
    public async Task Client_reads_the_shorter_header_of_a_protocol_v2_answer()
    {
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            // v1/v2 header: version, flags, one-byte stream, opcode, length.
            var body = new SpecFrames().Int(0x000A).String("Invalid or unsupported protocol version: 4").Body;
            byte[] header = [0x82, 0x00, (byte)request.Stream, 0x00, 0, 0, 0, (byte)body.Length];
            await connection.SendAsync([.. header, .. body]);
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();

        var error = await Assert.ThrowsAsync<UnsupportedProtocolVersionException>(() => cluster.ConnectAsync());

        Assert.Equal(2, error.ServerVersion);
        Assert.Equal("Invalid or unsupported protocol version: 4", error.ServerMessage);
    }

    [Fact]
    public async Task Client_reports_a_v4_protocol_error_about_the_version_as_unsupported_version()
    {
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            await connection.SendAsync(SpecFrames.ErrorFrame(request.Stream, 0x000A, "Beta version of the protocol used (4/v4-beta), but USE_BETA flag is unset"));
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();

        var error = await Assert.ThrowsAsync<UnsupportedProtocolVersionException>(() => cluster.ConnectAsync());

        Assert.Null(error.ServerVersion);
        Assert.Contains("USE_BETA", error.ServerMessage);
    }

    [Fact]
    public async Task Connecting_to_a_missing_keyspace_fails_with_invalid_query()
    {
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            if (request.Text != "USE nowhere") return false;
            await connection.SendAsync(SpecFrames.ErrorFrame(request.Stream, 0x2200, "Keyspace 'nowhere' does not exist"));
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();

        var error = await Assert.ThrowsAsync<InvalidQueryException>(() => cluster.ConnectAsync("nowhere"));

        Assert.Equal("Keyspace 'nowhere' does not exist", error.ServerMessage);
    }

    [Fact]
    public async Task Connecting_when_no_contact_point_listens_fails_with_no_host_available()
    {
        await using var cluster = Cluster.Builder().AddContactPoint($"127.0.0.1:{PeerScripts.FreePort()}").Build();

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());

        var (host, cause) = Assert.Single(error.Errors);
        Assert.StartsWith("127.0.0.1:", host);
        Assert.IsAssignableFrom<System.Net.Sockets.SocketException>(cause);
        Assert.False(cluster.AllHosts().Single().IsUp);
    }

    /// <summary>A PasswordAuthenticator: AUTHENTICATE after STARTUP, then checks the PLAIN token.</summary>
    private static Func<PeerRequest, PeerConnection, Task<bool>> Authenticating(string username, string password) => async (request, connection) =>
    {
        switch (request.Opcode)
        {
            case PeerRequest.Startup:
                await connection.SendAsync(SpecFrames.AuthenticateFrame(request.Stream));
                return true;
            case PeerRequest.AuthResponse:
                var token = Encoding.UTF8.GetString(request.Body, 4, request.Body.Length - 4);
                await connection.SendAsync(token == $"\0{username}\0{password}"
                    ? SpecFrames.AuthSuccessFrame(request.Stream)
                    : SpecFrames.ErrorFrame(request.Stream, 0x0100, $"Provided username {token.Split('\0')[1]} and/or password are incorrect"));
                return true;
            default:
                return false;
        }
    };
}
