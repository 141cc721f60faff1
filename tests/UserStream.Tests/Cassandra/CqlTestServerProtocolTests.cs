using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using UserStream.Cql.TestServer;

namespace UserStream.Tests.Cassandra;

/// <summary>Behaviour of the test server that no driver exercises on its own.</summary>
public sealed class CqlTestServerProtocolTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    public async Task Server_refuses_other_protocol_versions_with_a_protocol_error_naming_v4(byte version)
    {
        await using var server = CqlTestServer.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();

        // OPTIONS request header: version, flags, stream 7, opcode 0x05, empty body.
        await stream.WriteAsync(new byte[] { version, 0, 0, 7, 0x05, 0, 0, 0, 0 });
        var header = new byte[9];
        await stream.ReadExactlyAsync(header);
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5))];
        await stream.ReadExactlyAsync(body);

        Assert.Equal(0x80 | version, header[0]);
        Assert.Equal(7, BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2)));
        Assert.Equal(0x00, header[4]); // ERROR
        Assert.Equal(0x000A, BinaryPrimitives.ReadInt32BigEndian(body)); // protocol error
        var message = Encoding.UTF8.GetString(body, 6, BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(4)));
        Assert.Contains("4/v4", message);
        Assert.Equal(0, await stream.ReadAsync(new byte[1])); // and the server hangs up
    }
}
