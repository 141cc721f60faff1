using UserStream.Cql;
using UserStream.Cql.Protocol;
using UserStream.Cql.Protocol.Requests;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Every request the client sends, byte for byte against the DataStax Python driver's encoder.</summary>
public class RequestFrameTests
{
    private static readonly Guid UserId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly Guid EventId = Guid.Parse("e7f1b0a2-1c3d-11ef-9262-0242ac120002");
    private static readonly DateTimeOffset Registered = new(2024, 5, 1, 12, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void Startup_frame_matches_python_driver() =>
        AssertSame(
            RequestEncoder.Encode(StartupRequest.ForCqlVersion("3.0.0"), 0),
            new { message = "startup", stream = 0, cql_version = "3.0.0" });

    [Fact]
    public void Options_frame_matches_python_driver() =>
        AssertSame(RequestEncoder.Encode(new OptionsRequest(), 7), new { message = "options", stream = 7 });

    [Fact]
    public void Auth_response_frame_carries_sasl_plain_token_like_python_driver() =>
        AssertSame(
            RequestEncoder.Encode(AuthResponseRequest.PlainText("cassandra", "s3cret é"), 3),
            new { message = "auth_response", stream = 3, token = Convert.ToHexString("\0cassandra\0s3cret é"u8) });

    [Fact]
    public void Query_without_values_matches_python_driver() =>
        AssertSame(
            Build(new SimpleStatement("SELECT release_version FROM system.local"), streamId: 1),
            new { message = "query", stream = 1, query = "SELECT release_version FROM system.local", consistency = 10, page_size = 5000 });

    [Fact]
    public void Query_with_every_scalar_type_matches_python_driver()
    {
        var statement = new SimpleStatement(
            "INSERT INTO t (a,b,c,d,e,f,g,h,i,j) VALUES (?,?,?,?,?,?,?,?,?,?)",
            UserId, "Zoë Müller", 42, 9_000_000_000L, true, Registered, new DateOnly(1987, 3, 14), 3.25, new byte[] { 0xCA, 0xFE }, -7);
        statement.SetConsistencyLevel(ConsistencyLevel.Quorum);

        AssertSame(Build(statement, 2), new
        {
            message = "query", stream = 2, query = statement.QueryString, consistency = 4, page_size = 5000,
            values = new object[]
            {
                V("uuid", UserId.ToString()), V("text", "Zoë Müller"), V("int", 42), V("bigint", 9_000_000_000L), V("boolean", true),
                V("timestamp", Registered.ToUnixTimeMilliseconds()), V("date", "1987-03-14"), V("double", 3.25), V("blob", "cafe"), V("int", -7),
            },
        });
    }

    [Fact]
    public void Query_with_collections_null_and_unset_matches_python_driver()
    {
        var statement = new SimpleStatement(
            "UPDATE t SET tags = ?, scores = ?, ids = ?, note = ?, other = ? WHERE id = ?",
            new List<string> { "b", "a" }, new Dictionary<string, int> { ["x"] = 1, ["y"] = -2 }, new HashSet<Guid> { EventId }, null, Unset.Value, UserId);

        AssertSame(Build(statement, 3), new
        {
            message = "query", stream = 3, query = statement.QueryString, consistency = 10, page_size = 5000,
            values = new object[]
            {
                V(new { list = "text" }, new[] { "b", "a" }),
                V(new { map = new[] { "text", "int" } }, new object[] { new object[] { "x", 1 }, new object[] { "y", -2 } }),
                V(new { set = "uuid" }, new[] { EventId.ToString() }),
                new { @null = true }, new { unset = true }, V("uuid", UserId.ToString()),
            },
        });
    }

    [Fact]
    public void Query_with_page_size_paging_state_and_serial_consistency_matches_python_driver()
    {
        var pagingState = new byte[] { 0x00, 0x10, 0x7F, 0xFF, 0x01 };
        var statement = new SimpleStatement("SELECT * FROM users WHERE email = ? IF EXISTS", "a@b.c");
        statement.SetPageSize(25).SetPagingState(pagingState).SetConsistencyLevel(ConsistencyLevel.LocalQuorum);
        statement.SetSerialConsistencyLevel(ConsistencyLevel.LocalSerial);

        AssertSame(Build(statement, 300), new
        {
            message = "query", stream = 300, query = statement.QueryString, consistency = 6, serial = 9, page_size = 25,
            paging_state = Convert.ToHexString(pagingState), values = new object[] { V("text", "a@b.c") },
        });
    }

    [Fact]
    public void Query_with_default_timestamp_matches_python_driver() =>
        AssertSame(
            RequestEncoder.Encode(new QueryRequest("DELETE FROM t WHERE id = 1", new QueryParameters(ConsistencyLevel.All, Timestamp: 1_714_566_615_123_456)), 9),
            new { message = "query", stream = 9, query = "DELETE FROM t WHERE id = 1", consistency = 5, timestamp = 1_714_566_615_123_456 });

    [Fact]
    public void Prepare_frame_matches_python_driver() =>
        AssertSame(
            RequestEncoder.Encode(new PrepareRequest("SELECT * FROM created_users WHERE id = ?"), 32767),
            new { message = "prepare", stream = 32767, query = "SELECT * FROM created_users WHERE id = ?" });

    [Fact]
    public void Execute_frame_uses_prepared_types_and_matches_python_driver()
    {
        var prepared = Prepared(
            "INSERT INTO created_users (id, email, age, visits, registered, birthday, tags, attrs, photo) VALUES (?,?,?,?,?,?,?,?,?)",
            ("id", CqlType.Of(ColumnTypeCode.Timeuuid)), ("email", CqlType.Of(ColumnTypeCode.Ascii)), ("age", CqlType.Of(ColumnTypeCode.Int)),
            // An int bound to a bigint column is widened, as the column's type says.
            ("visits", CqlType.Of(ColumnTypeCode.Bigint)), ("registered", CqlType.Of(ColumnTypeCode.Timestamp)), ("birthday", CqlType.Of(ColumnTypeCode.Date)),
            ("tags", CqlType.SetOf(CqlType.Of(ColumnTypeCode.Varchar))), ("attrs", CqlType.MapOf(CqlType.Of(ColumnTypeCode.Varchar), CqlType.Of(ColumnTypeCode.Double))),
            ("photo", CqlType.Of(ColumnTypeCode.Blob)));
        var bound = prepared.Bind(EventId, "a@b.c", 33, 12, Registered.UtcDateTime, new DateOnly(1969, 12, 31), new SortedSet<string> { "x", "y" }, new Dictionary<string, double> { ["h"] = 1.5 }, null);
        bound.SetConsistencyLevel(ConsistencyLevel.One);

        AssertSame(Build(bound, 12), new
        {
            message = "execute", stream = 12, id = "0badc0ffee", consistency = 1, page_size = 5000,
            values = new object[]
            {
                V("timeuuid", EventId.ToString()), V("ascii", "a@b.c"), V("int", 33), V("bigint", 12L), V("timestamp", Registered.ToUnixTimeMilliseconds()),
                V("date", "1969-12-31"), V(new { set = "text" }, new[] { "x", "y" }), V(new { map = new[] { "text", "double" } }, new object[] { new object[] { "h", 1.5 } }),
                new { @null = true },
            },
        });
    }

    [Fact]
    public void Execute_sends_unset_for_variables_left_without_value_like_python_driver()
    {
        var prepared = Prepared("UPDATE t SET a = ?, b = ? WHERE id = ?",
            ("a", CqlType.Of(ColumnTypeCode.Int)), ("b", CqlType.Of(ColumnTypeCode.Varchar)), ("id", CqlType.Of(ColumnTypeCode.Uuid)));
        var bound = prepared.Bind(new { id = UserId, a = 1 });

        AssertSame(Build(bound, 4), new
        {
            message = "execute", stream = 4, id = "0badc0ffee", consistency = 10, page_size = 5000,
            values = new object[] { V("int", 1), new { unset = true }, V("uuid", UserId.ToString()) },
        });
    }

    [Fact]
    public void Logged_batch_of_simple_and_bound_statements_matches_python_driver()
    {
        var prepared = Prepared("INSERT INTO by_email (email, id) VALUES (?, ?)", ("email", CqlType.Of(ColumnTypeCode.Varchar)), ("id", CqlType.Of(ColumnTypeCode.Uuid)));
        var batch = new BatchStatement()
            .Add(new SimpleStatement("INSERT INTO created_users (id, n) VALUES (?, ?)", UserId, 5))
            .Add(prepared.Bind("a@b.c", UserId))
            .Add(new SimpleStatement("DELETE FROM stale WHERE id = 1"));
        batch.SetConsistencyLevel(ConsistencyLevel.Quorum);

        AssertSame(Build(batch, 5), new
        {
            message = "batch", stream = 5, batch_type = 0, consistency = 4,
            entries = new object[]
            {
                new { query = "INSERT INTO created_users (id, n) VALUES (?, ?)", values = new object[] { V("uuid", UserId.ToString()), V("int", 5) } },
                new { id = "0badc0ffee", values = new object[] { V("text", "a@b.c"), V("uuid", UserId.ToString()) } },
                new { query = "DELETE FROM stale WHERE id = 1", values = Array.Empty<object>() },
            },
        });
    }

    [Fact]
    public void Unlogged_batch_with_serial_consistency_matches_python_driver()
    {
        var batch = new BatchStatement().SetBatchType(BatchType.Unlogged)
            .Add(new SimpleStatement("UPDATE t SET v = ? WHERE k = ? IF v = ?", "new", 1, null));
        batch.SetSerialConsistencyLevel(ConsistencyLevel.Serial);

        AssertSame(Build(batch, 6), new
        {
            message = "batch", stream = 6, batch_type = 1, consistency = 10, serial = 8,
            entries = new object[] { new { query = "UPDATE t SET v = ? WHERE k = ? IF v = ?", values = new object[] { V("text", "new"), V("int", 1), new { @null = true } } } },
        });
    }

    [Fact]
    public void Counter_batch_with_timestamp_matches_python_driver() =>
        AssertSame(
            RequestEncoder.Encode(new BatchRequest(BatchType.Counter, [new BatchEntry("UPDATE c SET n = n + 1 WHERE k = 1", null, [])], ConsistencyLevel.One, Timestamp: 42), 8),
            new
            {
                message = "batch", stream = 8, batch_type = 2, consistency = 1, timestamp = 42,
                entries = new object[] { new { query = "UPDATE c SET n = n + 1 WHERE k = 1", values = Array.Empty<object>() } },
            });

    [Fact]
    public void Query_with_named_values_sets_the_names_flag_and_prefixes_each_value_with_its_name()
    {
        // The Python driver binds names client-side, so this frame is checked against the spec's layout instead.
        var statement = new SimpleStatement(new Dictionary<string, object?> { ["id"] = 7, ["email"] = "a@b.c" }, "SELECT * FROM t WHERE id = :id AND email = :email");
        var frame = Build(statement, 1);

        var expected = new SpecFrames()
            .Int(statement.QueryString.Length).Raw(System.Text.Encoding.UTF8.GetBytes(statement.QueryString))
            .Short(0x000A).Byte(0x01 | 0x04 | 0x40).Short(2)
            .String("id").Int(4).Int(7)
            .String("email").Int(5).Raw("a@b.c"u8.ToArray())
            .Int(5000)
            .Frame(0x07, 1, version: 0x04);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(frame));
    }

    private static object V(object type, object value) => new { type, value };

    private static byte[] Build(Statement statement, short streamId) =>
        RequestEncoder.Encode(new StatementRequestBuilder(new QueryOptions()).Build(statement, statement.PagingState), streamId);

    private static PreparedStatement Prepared(string cql, params (string Name, CqlType Type)[] variables) => new(
        Convert.FromHexString("0badc0ffee"), cql, "ks",
        [.. variables.Select((v, i) => new CqlColumn(i, "ks", "t", v.Name, v.Type))], [0], []);

    private static void AssertSame(byte[] mine, object pythonMessage)
    {
        var reference = PythonReference.EncodeOne(pythonMessage);
        Assert.Equal(Convert.ToHexString(reference), Convert.ToHexString(mine));
    }
}
