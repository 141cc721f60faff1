using UserStream.Cql.TestServer;
using UserStream.UserStore.Cassandra;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Cassandra;

/// <summary>
/// The store's CQL, run by the DataStax Python driver against the test server: the driver checks the
/// server's framing, connect-time system tables, prepared metadata and paging; the server checks the CQL.
/// </summary>
public sealed class PythonDriverCompatibilityTests
{
    private static readonly string StoreCql = PythonDriver.Json(new Dictionary<string, string>
    {
        ["create_keyspace"] = CassandraUserStoreCql.CreateKeyspace(new CassandraUserStoreOptions()),
        ["create_users_table"] = CassandraUserStoreCql.CreateUsersTable,
        ["create_email_table"] = CassandraUserStoreCql.CreateEmailTable,
        ["insert_user"] = CassandraUserStoreCql.InsertUser,
        ["select_user_by_id"] = CassandraUserStoreCql.SelectUserById,
        ["select_users"] = CassandraUserStoreCql.SelectUsers,
    });

    [Fact]
    public async Task Python_driver_runs_the_store_cql_against_the_test_server()
    {
        await using var server = CqlTestServer.Start();

        var run = await PythonDriver.RunAsync("python_driver_check.py", StoreCql, server.Port.ToString());

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Equal(4, (int)run.Event("connected")["protocol_version"]!);
        var prepared = run.Event("prepared_insert");
        Assert.Equal(CassandraUserStoreCql.Columns.Split(", "), prepared["variables"]!.AsArray().Select(v => (string)v!));
        Assert.Equal([0], prepared["routing_key_indexes"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(25, (int)run.Event("inserted")["count"]!);
        Assert.Equal(0, (int)run.Event("selected_by_id")["mismatches"]!);
        Assert.False((bool)run.Event("selected_missing")["found"]!);
        var paged = run.Event("paged");
        Assert.Equal([10, 10, 5], paged["pages"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(25, (int)paged["distinct"]!);
        Assert.True((bool)paged["all_inserted"]!);
        Assert.Equal(25, server.RowCount("user_stream", "created_users"));
        Assert.True(server.TableExists("user_stream", "created_users_by_email"));
        Assert.True(server.RequestCount(CqlRequestKind.Execute) >= 25 + 26);
    }

    [Fact]
    public async Task Python_driver_authenticates_with_the_configured_credentials()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Username = "stream", Password = "s3cret" });

        var run = await PythonDriver.RunAsync("python_driver_check.py", StoreCql, server.Port.ToString(), "stream", "s3cret");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.NotNull(run.Event("done"));
        Assert.True(server.RequestCount(CqlRequestKind.AuthResponse) >= 1);
    }

    [Fact]
    public async Task Python_driver_is_refused_with_wrong_credentials()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Username = "stream", Password = "s3cret" });

        var run = await PythonDriver.RunAsync("python_driver_check.py", StoreCql, server.Port.ToString(), "stream", "wrong");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("AuthenticationFailed", run.StandardError);
        Assert.Contains("Provided username stream and/or password are incorrect", run.StandardError);
        Assert.Equal(0, server.RequestCount(CqlRequestKind.Query));
    }

    [Fact]
    public async Task Python_driver_exercises_every_type_and_statement_the_test_server_offers()
    {
        await using var server = CqlTestServer.Start();

        var run = await PythonDriver.RunAsync("python_driver_features.py", "", server.Port.ToString());

        Assert.True(run.ExitCode == 0, run.StandardError);
        var bound = run.Event("bound_types");
        Assert.Equal(["id", "big", "flag", "ratio", "payload", "day", "at", "name", "ref"], bound["named_variables"]!.AsArray().Select(v => (string)v!));
        Assert.Empty(bound["mismatches"]!.AsArray());
        Assert.True((bool)run.Event("literal_types")["equal"]!);
        var update = run.Event("update");
        Assert.Equal("renamed", (string)update["name"]!);
        Assert.False((bool)update["flag"]!);
        Assert.True((bool)update["big_kept"]!);
        var delete = run.Event("delete");
        Assert.True((bool)delete["column_cleared"]!);
        Assert.True((bool)delete["row_gone"]!);
        var batch = run.Event("batch");
        Assert.Equal(["batched", "batched too"], batch["inserted"]!.AsArray().Select(v => (string)v!));
        Assert.True((bool)batch["deleted"]!);
        Assert.Equal([5, 6, 7], run.Event("in")["ids"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(31, (int)run.Event("count")["count"]!);
        var limit = run.Event("limit");
        Assert.Equal([3, 3, 1], limit["pages"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(5, (int)limit["bound"]!);
        var errors = run.Event("errors");
        Assert.Equal("SyntaxException", (string)errors["syntax"]!);
        Assert.Equal("InvalidRequest", (string)errors["unknown_table"]!);
        Assert.Equal("InvalidRequest", (string)errors["filtering"]!);
        Assert.Equal("InvalidRequest", (string)errors["missing_key"]!);
    }

    [Fact]
    public async Task Python_driver_sees_every_node_of_a_test_cluster_and_recovers_a_batch_from_one_unprepared_answer_per_statement()
    {
        await using var nodes = CqlTestCluster.Start(3);

        var run = await PythonDriver.RunInteractiveAsync("python_driver_cluster.py", e =>
        {
            if ((string?)e["event"] != "prepared") return null;
            foreach (var node in nodes.Nodes) node.ForgetPreparedStatements();
            return "forgotten";
        }, nodes.Port.ToString());

        Assert.True(run.ExitCode == 0, run.StandardError);
        var connected = run.Event("connected");
        Assert.Equal(nodes.Nodes.Select(n => n.Host), connected["hosts"]!.AsArray().Select(h => (string)h!));
        Assert.Equal(3, run.Event("batches")["hosts"]!.AsArray().Count);
        // Each node named the batch's two forgotten statements one answer at a time, and the driver re-prepared each.
        Assert.All(nodes.Nodes, node => Assert.Equal(2, node.UnpreparedAnswers));
        Assert.Equal(3, nodes.RowCount("ks", "users"));
        Assert.Equal(3, nodes.RowCount("ks", "emails"));
    }
}
