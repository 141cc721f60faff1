using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using UserStream.Cql;
using UserStream.Cql.Connections;
using UserStream.Cql.Protocol;
using UserStream.Cql.Protocol.Requests;
using UserStream.Cql.Protocol.Responses;
using UserStream.Cql.TestServer;
using UserStream.Cql.Types;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Cassandra;

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

    [Fact]
    public async Task A_batch_is_answered_unprepared_naming_only_the_first_unknown_statement_in_batch_order()
    {
        await using var server = CqlTestServer.Start();
        await using var cluster = Cluster.Builder().AddContactPoint(server.Host).WithPort(server.Port).Build();
        await using var session = await cluster.ConnectAsync();
        await session.ExecuteAsync("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        await session.ExecuteAsync("CREATE TABLE ks.t (k int PRIMARY KEY, v int)");
        var insert = await session.PrepareAsync("INSERT INTO ks.t (k) VALUES (?)");
        var update = await session.PrepareAsync("UPDATE ks.t SET v = ? WHERE k = ?");
        var delete = await session.PrepareAsync("DELETE FROM ks.t WHERE k = ?");
        server.ForgetPreparedStatements();
        await session.PrepareAsync(insert.Cql); // known again; update and delete stay unknown

        // Sent raw, so no client recovery hides the answer: known, unknown (delete), unknown (update).
        var settings = new ConnectionSettings(null, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 8, Ssl: null);
        await using var connection = await CqlConnection.OpenAsync(new Host(server.Host, server.Port, new ConstantReconnectionPolicy(1000), TimeProvider.System), settings, default);
        var batch = new BatchRequest(BatchType.Logged,
        [
            new BatchEntry(null, insert.Id, [Int(1)]),
            new BatchEntry(null, delete.Id, [Int(1)]),
            new BatchEntry(null, update.Id, [Int(2), Int(1)]),
        ], ConsistencyLevel.One);
        var answer = ResponseDecoder.Decode(await connection.SendAsync(batch, settings.DefaultRequestTimeout, default));

        var unprepared = Assert.IsType<PreparedQueryNotFoundException>(Assert.IsType<ErrorResponse>(answer).Error);
        Assert.Equal(delete.Id, unprepared.UnknownId);
        Assert.Equal(1, server.UnpreparedAnswers);
        Assert.Equal(0, server.RowCount("ks", "t"));
    }

    private static EncodedValue Int(int value) => ValueSerializer.Encode(value, CqlType.Of(ColumnTypeCode.Int));
}
