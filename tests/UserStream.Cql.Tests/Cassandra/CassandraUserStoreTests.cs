using System.Buffers.Text;
using UserStream.Cql;
using UserStream.Cql.TestServer;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Cassandra;

namespace UserStream.Cql.Tests.Cassandra;

/// <summary>What the Cassandra store does beyond the shared contract: its schema, tokens, lookup table and faults.</summary>
public sealed class CassandraUserStoreTests : IAsyncLifetime
{
    private readonly CqlTestServer _server = CqlTestServer.Start();
    private CassandraUserStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = CassandraUserStore.FromConnectionString(_server.ConnectionString());
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Schema_is_created_with_simple_strategy_and_factor_one_by_default()
    {
        var replication = _server.KeyspaceReplication("user_stream");
        Assert.NotNull(replication);
        Assert.Equal("SimpleStrategy", replication["class"]);
        Assert.Equal("1", replication["replication_factor"]);
        Assert.True(_server.TableExists("user_stream", "created_users"));
        Assert.True(_server.TableExists("user_stream", "created_users_by_email"));
    }

    [Fact]
    public async Task Replication_class_and_factor_come_from_the_options()
    {
        await using var server = CqlTestServer.Start();
        var options = new CassandraUserStoreOptions { ReplicationClass = "NetworkTopologyStrategy", ReplicationFactor = 3, DataCenter = "dc-east" };
        await using var store = CassandraUserStore.FromConnectionString(server.ConnectionString(), options);

        await store.EnsureSchemaAsync();

        var replication = server.KeyspaceReplication("user_stream")!;
        Assert.Equal("NetworkTopologyStrategy", replication["class"]);
        Assert.Equal("3", replication["dc-east"]);
    }

    [Theory]
    [InlineData(1, null, ConsistencyLevel.LocalOne)]
    [InlineData(3, null, ConsistencyLevel.LocalQuorum)]
    [InlineData(3, "QUORUM", ConsistencyLevel.Quorum)]
    [InlineData(3, "local_one", ConsistencyLevel.LocalOne)]
    [InlineData(1, "LocalQuorum", ConsistencyLevel.LocalQuorum)]
    public async Task Consistency_is_LOCAL_QUORUM_with_more_than_one_copy_unless_configured(int replication, string? configured, ConsistencyLevel expected)
    {
        await using var store = CassandraUserStore.FromConnectionString(_server.ConnectionString(),
            new CassandraUserStoreOptions { ReplicationFactor = replication, WriteConsistency = configured, ReadConsistency = configured });

        Assert.Equal((expected, expected), (store.WriteConsistency, store.ReadConsistency));
    }

    [Theory]
    [InlineData("MOST")]
    [InlineData("6")]
    public void An_unknown_consistency_is_refused_naming_the_setting_and_the_levels(string configured)
    {
        var error = Assert.Throws<ArgumentException>(() => CassandraUserStore.FromConnectionString(_server.ConnectionString(),
            new CassandraUserStoreOptions { WriteConsistency = configured }));
        Assert.Contains("UserStore:Cassandra:WriteConsistency", error.Message, StringComparison.Ordinal);
        Assert.Contains("LOCAL_QUORUM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_three_nodes_with_three_copies_writes_and_reads_at_LOCAL_QUORUM_go_on_with_one_node_down_and_fail_as_unavailable_with_two_down()
    {
        await using var nodes = CqlTestCluster.Start(3);
        var options = new CassandraUserStoreOptions { ReplicationClass = "NetworkTopologyStrategy", ReplicationFactor = 3 };
        await using var store = CassandraUserStore.FromConnectionString(nodes.ConnectionString(), options);
        await store.EnsureSchemaAsync();
        Assert.Equal(ConsistencyLevel.LocalQuorum, store.WriteConsistency);

        nodes.Nodes[2].Shutdown();
        var users = Enumerable.Range(0, 20).Select(_ => TestUsers.Stored()).ToList();
        await Eventually.ReturnsAsync(async () => { await store.UpsertAsync(users); return true; }, ok => ok,
            TimeSpan.FromSeconds(30), "writes with one node of three down");
        foreach (var user in users)
            Assert.Equal(user.Id, (await store.GetByIdAsync(user.Id))?.Id);
        Assert.Equal(20, (await store.ListAsync(100, null)).Items.Count);

        nodes.Nodes[1].Shutdown();
        var refused = await Eventually.ReturnsAsync(async () =>
            {
                try
                {
                    await store.UpsertAsync([TestUsers.Stored()]);
                    return null;
                }
                catch (UnavailableException e)
                {
                    return e;
                }
            }, e => e is not null, TimeSpan.FromSeconds(30), "a write refused as unavailable with two nodes of three down");
        Assert.Equal((ConsistencyLevel.LocalQuorum, 2, 1), (refused!.Consistency, refused.RequiredReplicas, refused.AliveReplicas));
        Assert.Equal(StoreErrorKind.Transient, store.Classify(refused));
        // A read never succeeds now; one sent on a connection the stopped node has just closed fails with that instead.
        UnavailableException? read = null;
        for (var attempt = 0; attempt < 5 && read is null; attempt++)
        {
            try
            {
                await store.GetByIdAsync(users[0].Id);
                Assert.Fail("a LOCAL_QUORUM read succeeded with two nodes of three down");
            }
            catch (UnavailableException e)
            {
                read = e;
            }
            catch (ConnectionClosedException)
            {
            }
        }
        Assert.Equal(ConsistencyLevel.LocalQuorum, read?.Consistency);
    }

    [Fact]
    public async Task Under_NetworkTopologyStrategy_each_data_centre_gets_its_own_copies_and_writes_go_at_LOCAL_QUORUM()
    {
        await using var server = CqlTestServer.Start();
        var options = new CassandraUserStoreOptions
        {
            ReplicationClass = "NetworkTopologyStrategy",
            DataCenters = new() { ["eu-west"] = 3, ["us-east"] = 2 },
        };
        await using var store = CassandraUserStore.FromConnectionString(server.ConnectionString(), options);

        await store.EnsureSchemaAsync();

        var replication = server.KeyspaceReplication("user_stream")!;
        Assert.Equal(("NetworkTopologyStrategy", "3", "2"), (replication["class"], replication["eu-west"], replication["us-east"]));
        Assert.DoesNotContain("datacenter1", replication.Keys);
        Assert.Equal(ConsistencyLevel.LocalQuorum, store.WriteConsistency);
    }

    [Fact]
    public async Task Writes_go_as_one_prepared_batch_per_user_into_both_tables()
    {
        var queriesBefore = _server.RequestCount(CqlRequestKind.Query);
        var users = Enumerable.Range(0, 10).Select(_ => TestUsers.Stored()).ToList();

        await _store.UpsertAsync(users);

        Assert.Equal(10, _server.RequestCount(CqlRequestKind.Batch));
        Assert.Equal(queriesBefore, _server.RequestCount(CqlRequestKind.Query));
        Assert.Equal(10, _server.RowCount("user_stream", "created_users"));
        Assert.Equal(10, _server.RowCount("user_stream", "created_users_by_email"));
    }

    [Fact]
    public async Task Email_lookup_finds_only_the_current_address_after_it_changes()
    {
        var user = TestUsers.Stored(email: "old.address@example.com");
        await _store.UpsertAsync([user]);
        await _store.UpsertAsync([user with { Email = "New.Address@example.com" }]);

        Assert.Null(await _store.GetByEmailAsync("old.address@example.com"));
        Assert.Equal(user.Id, (await _store.GetByEmailAsync("new.address@EXAMPLE.COM"))?.Id);
    }

    [Fact]
    public async Task A_page_token_with_any_byte_changed_is_rejected()
    {
        await _store.UpsertAsync(Enumerable.Range(0, 5).Select(_ => TestUsers.Stored()).ToList());
        var token = (await _store.ListAsync(2, null)).NextPageToken!;
        var bytes = Base64Url.DecodeFromChars(token);

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            await Assert.ThrowsAsync<InvalidPageTokenException>(() => _store.ListAsync(2, Base64Url.EncodeToString(tampered)));
        }
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => _store.ListAsync(2, token[..^2]));
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => _store.ListAsync(2, token + "A"));
        Assert.Equal(2, (await _store.ListAsync(2, token)).Items.Count); // the untouched token still works
    }

    [Fact]
    public void A_keyspace_other_than_user_stream_in_the_connection_string_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CassandraUserStore.FromConnectionString(_server.ConnectionString("elsewhere")));
        Assert.Contains("elsewhere", error.Message);
    }

    [Fact]
    public async Task Reads_keep_working_after_the_server_forgets_prepared_statements()
    {
        var user = TestUsers.Stored();
        await _store.UpsertAsync([user]);
        var preparesBefore = _server.RequestCount(CqlRequestKind.Prepare);

        _server.ForgetPreparedStatements();

        Assert.Equal(user.Id, (await _store.GetByIdAsync(user.Id))?.Id);
        Assert.True(_server.RequestCount(CqlRequestKind.Prepare) > preparesBefore, "the client should have prepared again");
    }

    [Fact]
    public async Task Writes_keep_working_after_the_server_forgets_prepared_statements()
    {
        await _store.UpsertAsync([TestUsers.Stored()]);

        _server.ForgetPreparedStatements();
        var user = TestUsers.Stored();
        await _store.UpsertAsync([user]);

        // One batch of two prepared statements: the node names one unknown statement per answer.
        Assert.Equal(2, _server.UnpreparedAnswers);
        Assert.Equal(user.Email, (await _store.GetByIdAsync(user.Id))?.Email);
        Assert.Equal(user.Id, (await _store.GetByEmailAsync(user.Email))?.Id);
    }

    [Fact]
    public async Task On_a_three_node_cluster_the_first_writes_succeed_on_every_node_without_reprepare()
    {
        await using var nodes = CqlTestCluster.Start(3);
        await using var store = CassandraUserStore.FromConnectionString(nodes.ConnectionString());
        await store.EnsureSchemaAsync();
        var users = Enumerable.Range(0, 9).Select(_ => TestUsers.Stored()).ToList();

        foreach (var user in users) await store.UpsertAsync([user]);

        Assert.All(nodes.Nodes, node => Assert.True(node.RequestCount(CqlRequestKind.Batch) > 0, $"{node.Host} served no batch"));
        Assert.Equal(0, nodes.UnpreparedAnswers);
        foreach (var user in users) Assert.Equal(user.Id, (await store.GetByEmailAsync(user.Email))?.Id);
    }

    [Fact]
    public async Task An_overloaded_server_surfaces_as_no_host_available_naming_the_cause()
    {
        _server.Faults.FailNextRequests(100, CqlServerError.Overloaded("too busy for the test"));

        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => _store.UpsertAsync([TestUsers.Stored()]));

        var cause = Assert.IsType<OverloadedException>(Assert.Single(error.Errors).Value);
        Assert.Contains("too busy for the test", cause.Message);
    }

    [Fact]
    public async Task A_write_timeout_surfaces_as_write_timeout_and_the_store_recovers()
    {
        _server.Faults.FailNextRequests(1, CqlServerError.WriteTimeout(writeType: "BATCH"));
        var user = TestUsers.Stored();

        var error = await Assert.ThrowsAsync<WriteTimeoutException>(() => _store.UpsertAsync([user]));
        Assert.Equal("BATCH", error.WriteType);

        await _store.UpsertAsync([user]);
        Assert.NotNull(await _store.GetByIdAsync(user.Id));
    }

    [Fact]
    public async Task A_slow_server_is_abandoned_when_the_caller_cancels()
    {
        _server.Faults.ResponseDelay = TimeSpan.FromSeconds(30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.GetByIdAsync(Guid.NewGuid(), cancel.Token));
    }

    [Fact]
    public async Task The_store_reconnects_after_the_server_drops_its_connections()
    {
        var user = TestUsers.Stored();
        await _store.UpsertAsync([user]);

        _server.DropConnections();

        StoredUser? found = null;
        var failures = new List<Exception>();
        for (var attempt = 0; attempt < 40 && found is null; attempt++)
        {
            try
            {
                found = await _store.GetByIdAsync(user.Id);
            }
            catch (DriverException e)
            {
                failures.Add(e); // a clear client error while the connection is re-established
                await Task.Delay(250);
            }
        }
        Assert.True(found is not null, $"never reconnected; errors: {string.Join(" | ", failures.Select(f => f.Message))}");
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_an_authentication_error()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Username = "stream", Password = "right" });
        await using var store = CassandraUserStore.FromConnectionString(
            $"Contact Points=127.0.0.1;Port={server.Port};Username=stream;Password=wrong;Default Keyspace=user_stream");

        var error = await Assert.ThrowsAnyAsync<DriverException>(() => store.EnsureSchemaAsync());

        Assert.Contains("Provided username stream and/or password are incorrect", Flatten(error));
    }

    [Fact]
    public async Task Right_credentials_from_the_connection_string_are_used()
    {
        await using var server = CqlTestServer.Start(new CqlTestServerOptions { Username = "stream", Password = "right" });
        await using var store = CassandraUserStore.FromConnectionString(server.ConnectionString());

        await store.EnsureSchemaAsync();
        await store.PingAsync();

        Assert.True(server.RequestCount(CqlRequestKind.AuthResponse) >= 1);
    }

    [Fact]
    public async Task Ping_fails_when_nothing_listens()
    {
        var port = _server.Port;
        await _server.DisposeAsync();
        await using var store = CassandraUserStore.FromConnectionString($"Contact Points=127.0.0.1;Port={port}");

        await Assert.ThrowsAsync<NoHostAvailableException>(() => store.PingAsync());
    }

    private static string Flatten(Exception error) => error switch
    {
        NoHostAvailableException none => string.Join(" | ", none.Errors.Values.Select(Flatten).Prepend(none.Message)),
        _ => error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException),
    };
}
