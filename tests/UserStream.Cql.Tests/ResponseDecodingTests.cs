using System.Text;
using System.Text.Json;
using UserStream.Cql;
using UserStream.Cql.Protocol.Responses;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Every response kind the client decodes, on frames built from the v4 specification.</summary>
public class ResponseDecodingTests
{
    private static readonly Guid UserId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly Guid EventId = Guid.Parse("e7f1b0a2-1c3d-11ef-9262-0242ac120002");

    [Fact]
    public void Ready_decodes() => FrameParsing.Decode<ReadyResponse>(SpecFrames.ReadyFrame(0));

    [Fact]
    public void Authenticate_names_the_servers_authenticator() =>
        Assert.Equal("org.apache.cassandra.auth.PasswordAuthenticator", FrameParsing.Decode<AuthenticateResponse>(SpecFrames.AuthenticateFrame(1)).Authenticator);

    [Fact]
    public void Auth_success_and_challenge_carry_their_tokens()
    {
        Assert.Null(FrameParsing.Decode<AuthSuccessResponse>(SpecFrames.AuthSuccessFrame(1)).Token);
        var challenge = FrameParsing.Decode<AuthChallengeResponse>(new SpecFrames().Bytes([1, 2, 3]).Frame(SpecFrames.AuthChallenge, 1));
        Assert.Equal(new byte[] { 1, 2, 3 }, challenge.Token);
    }

    [Fact]
    public void Supported_lists_every_option_with_its_values()
    {
        var supported = FrameParsing.Decode<SupportedResponse>(SpecFrames.SupportedFrame(0));
        Assert.Equal(["3.4.5"], supported.Options["CQL_VERSION"]);
        Assert.Equal(["lz4", "snappy"], supported.Options["COMPRESSION"]);
    }

    [Fact]
    public void Void_and_set_keyspace_results_decode()
    {
        FrameParsing.Decode<VoidResult>(SpecFrames.VoidResultFrame(2));
        Assert.Equal("user_stream", FrameParsing.Decode<SetKeyspaceResult>(SpecFrames.SetKeyspaceFrame(2, "user_stream")).Keyspace);
    }

    [Fact]
    public void Schema_change_results_decode_for_keyspace_table_and_function_targets()
    {
        var keyspace = FrameParsing.Decode<SchemaChangeResult>(new SpecFrames().Int(5).String("CREATED").String("KEYSPACE").String("user_stream").Frame(SpecFrames.Result, 1));
        Assert.Equal(("CREATED", "KEYSPACE", "user_stream", (string?)null), (keyspace.ChangeType, keyspace.Target, keyspace.Keyspace, keyspace.Name));

        var table = FrameParsing.Decode<SchemaChangeResult>(new SpecFrames().Int(5).String("UPDATED").String("TABLE").String("user_stream").String("created_users").Frame(SpecFrames.Result, 1));
        Assert.Equal(("UPDATED", "TABLE", "created_users"), (table.ChangeType, table.Target, table.Name));

        var function = FrameParsing.Decode<SchemaChangeResult>(new SpecFrames().Int(5).String("DROPPED").String("FUNCTION").String("ks").String("f").StringList("int", "text").Frame(SpecFrames.Result, 1));
        Assert.Equal(["int", "text"], function.ArgumentTypes);
    }

    [Fact]
    public void Prepared_result_gives_id_variables_partition_key_and_result_columns()
    {
        var prepared = FrameParsing.Decode<PreparedResult>(PreparedWithResultColumns());

        Assert.Equal(new byte[] { 0xAB, 0xCD }, prepared.Id);
        Assert.Equal(["id", "since"], prepared.Variables.Select(v => v.Name));
        Assert.Equal([ColumnTypeCode.Uuid, ColumnTypeCode.Timestamp], prepared.Variables.Select(v => v.TypeCode));
        Assert.Equal([0], prepared.PartitionKeyIndexes);
        Assert.Equal(["email", "tags"], prepared.ResultMetadata.Columns.Select(c => c.Name));
        Assert.Equal(CqlType.ListOf(CqlType.Of(ColumnTypeCode.Varchar)), prepared.ResultMetadata.Columns[1].Type);
    }

    [Fact]
    public void Rows_of_every_supported_type_read_back_as_clr_values()
    {
        var rows = FrameParsing.Decode<RowsResult>(RowsOfEveryType());
        var row = Assert.Single(ResultMapper.ToRowSet(rows, new ExecutionInfo("h:1", [], null), (_, _) => throw new InvalidOperationException(), false));

        Assert.Equal(UserId, row.GetValue<Guid>("id"));
        Assert.Equal(EventId, row.GetValue<Guid>(1));
        Assert.Equal("Zoë", row.GetValue<string>("name"));
        Assert.Equal("plain", row.GetValue<string>("code"));
        Assert.Equal(-42, row.GetValue<int>("n"));
        Assert.Equal(9_000_000_000L, row.GetValue<long>("big"));
        Assert.True(row.GetValue<bool>("active"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_714_566_615_123), row.GetValue<DateTimeOffset>("registered"));
        Assert.Equal(new DateTime(2024, 5, 1, 12, 30, 15, 123, DateTimeKind.Utc), row.GetValue<DateTime>("registered"));
        Assert.Equal(new DateOnly(1969, 12, 31), row.GetValue<DateOnly>("birthday"));
        Assert.Equal(2.5, row.GetValue<double>("score"));
        Assert.Equal(new byte[] { 0xCA, 0xFE }, row.GetValue<byte[]>("photo"));
        Assert.Equal([3, 1, 2], row.GetValue<List<int>>("ranks"));
        Assert.Equal([3, 1, 2], row.GetValue<int[]>("ranks"));
        Assert.Equal(new HashSet<string> { "a", "b" }, row.GetValue<ISet<string>>("tags"));
        Assert.Equal(new Dictionary<string, long> { ["x"] = 1, ["y"] = -1 }, row.GetValue<IDictionary<string, long>>("counts"));
        Assert.Null(row.GetValue<string>("missing"));
        Assert.True(row.IsNull("missing"));
        Assert.Null(row.GetValue<int?>("missing"));
    }

    [Fact]
    public void Rows_with_per_column_table_specs_and_more_pages_carry_the_paging_state()
    {
        var frame = new SpecFrames().Int(2).Int(0x0002).Int(2).Bytes([9, 8, 7])
            .Column("ks", "a", "x", t => t.Short(0x0009))
            .Column("ks", "b", "y", t => t.Short(0x0001))
            .Int(1).Bytes(new SpecFrames().Int(5).Body).Bytes("ok"u8.ToArray())
            .Frame(SpecFrames.Result, 1);

        var rows = FrameParsing.Decode<RowsResult>(frame);

        Assert.Equal(new byte[] { 9, 8, 7 }, rows.Metadata.PagingState);
        Assert.Equal(["a", "b"], rows.Metadata.Columns.Select(c => c.Table));
        Assert.Equal(2, rows.Rows[0].Length);
    }

    [Fact]
    public void Tracing_id_warnings_and_custom_payload_are_read_before_the_message()
    {
        var traceId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var frame = new SpecFrames()
            .Raw(traceId.ToByteArray(bigEndian: true))
            .StringList("Batch for [ks.t] is of size 6.1KiB, exceeding specified threshold")
            .Short(1).String("k").Bytes([1])
            .Int(1)
            .Frame(SpecFrames.Result, 3, flags: 0x02 | 0x04 | 0x08);

        var response = FrameParsing.Decode<VoidResult>(frame);

        Assert.Equal(traceId, response.TracingId);
        Assert.Equal(["Batch for [ks.t] is of size 6.1KiB, exceeding specified threshold"], response.Warnings);
    }

    [Fact]
    public void Python_driver_decodes_the_test_frames_the_same_way()
    {
        // Guards the hand-built frames above: an independent decoder must read them as the tests assume.
        var decoded = PythonDecode(RowsOfEveryType(), PreparedWithResultColumns());

        var rows = decoded[0].GetProperty("fields");
        Assert.Equal(
            ["uuid", "timeuuid", "text", "ascii", "int", "bigint", "boolean", "timestamp", "date", "double", "blob", "list<int>", "set<text>", "map<text, bigint>", "text"],
            rows.GetProperty("column_types").EnumerateArray().Select(t => t.GetString()!.Replace("varchar", "text")));
        var values = rows.GetProperty("parsed_rows")[0].EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.ToString()).ToList();
        Assert.Equal(UserId.ToString(), values[0]);
        Assert.Equal("Zoë", values[2]);
        Assert.Equal("-42", values[4]);
        Assert.Equal("9000000000", values[5]);
        Assert.Contains("2024-05-01 12:30:15.123", values[7]);
        Assert.Contains("1969-12-31", values[8]);
        Assert.Equal("[3, 1, 2]", values[11]);
        Assert.Null(values[14]);

        var prepared = decoded[1].GetProperty("fields");
        Assert.Equal("abcd", prepared.GetProperty("query_id").GetString());
        Assert.Equal("[0]", prepared.GetProperty("pk_indexes").ToString().Replace(" ", ""));
    }

    internal static byte[] PreparedWithResultColumns() => new SpecFrames()
        .Int(4).ShortBytes([0xAB, 0xCD])
        .Int(0x0001).Int(2).Int(1).Short(0).String("user_stream").String("created_users")
        .String("id").Short(0x000C).String("since").Short(0x000B)
        .Int(0x0001).Int(2).String("user_stream").String("created_users")
        .String("email").Short(0x000D).String("tags").Short(0x0020).Short(0x000D)
        .Frame(SpecFrames.Result, 4);

    private static byte[] RowsOfEveryType()
    {
        (string Name, Action<SpecFrames> Type, byte[]? Value)[] columns =
        [
            ("id", t => t.Short(0x000C), UserId.ToByteArray(bigEndian: true)),
            ("event", t => t.Short(0x000F), EventId.ToByteArray(bigEndian: true)),
            ("name", t => t.Short(0x000D), Encoding.UTF8.GetBytes("Zoë")),
            ("code", t => t.Short(0x0001), Encoding.ASCII.GetBytes("plain")),
            ("n", t => t.Short(0x0009), new SpecFrames().Int(-42).Body),
            ("big", t => t.Short(0x0002), new SpecFrames().Long(9_000_000_000L).Body),
            ("active", t => t.Short(0x0004), [1]),
            ("registered", t => t.Short(0x000B), new SpecFrames().Long(1_714_566_615_123).Body),
            // Days since the epoch, centred on 2^31: 1969-12-31 is 2^31 - 1.
            ("birthday", t => t.Short(0x0011), new SpecFrames().Int(int.MaxValue).Body),
            ("score", t => t.Short(0x0007), new SpecFrames().Long(BitConverter.DoubleToInt64Bits(2.5)).Body),
            ("photo", t => t.Short(0x0003), [0xCA, 0xFE]),
            ("ranks", t => t.Short(0x0020).Short(0x0009), new SpecFrames().Int(3).Bytes(new SpecFrames().Int(3).Body).Bytes(new SpecFrames().Int(1).Body).Bytes(new SpecFrames().Int(2).Body).Body),
            ("tags", t => t.Short(0x0022).Short(0x000D), new SpecFrames().Int(2).Bytes("a"u8.ToArray()).Bytes("b"u8.ToArray()).Body),
            ("counts", t => t.Short(0x0021).Short(0x000D).Short(0x0002), new SpecFrames().Int(2).Bytes("x"u8.ToArray()).Bytes(new SpecFrames().Long(1).Body).Bytes("y"u8.ToArray()).Bytes(new SpecFrames().Long(-1).Body).Body),
            ("missing", t => t.Short(0x000D), null),
        ];
        var frame = new SpecFrames().Int(2).Int(0x0001).Int(columns.Length).String("user_stream").String("everything");
        foreach (var (name, type, _) in columns)
        {
            frame.String(name);
            type(frame);
        }
        frame.Int(1);
        foreach (var (_, _, value) in columns) frame.Bytes(value);
        return frame.Frame(SpecFrames.Result, 5);
    }

    private static List<JsonElement> PythonDecode(params byte[][] frames)
    {
        var output = PythonReference.Run(PythonReference.ScriptPath("decode_responses.py"), string.Join('\n', frames.Select(Convert.ToHexString)));
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
    }
}
