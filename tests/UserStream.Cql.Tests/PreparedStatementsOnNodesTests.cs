using UserStream.Cql;
using UserStream.Cql.TestServer;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>
/// Prepared statements on a cluster whose nodes each keep their own prepared-statement cache (the CQL test
/// server, which answers UNPREPARED as Cassandra does: one unknown id per answer, the first in batch order).
/// </summary>
public sealed class PreparedStatementsOnNodesTests
{
    private const string CreateKeyspace = "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
    private const string InsertUser = "INSERT INTO users (id, name) VALUES (?, ?)";
    private const string InsertEmail = "INSERT INTO emails (email, id) VALUES (?, ?)";

    [Fact]
    public async Task A_batch_of_two_prepared_statements_succeeds_after_the_node_forgot_both()
    {
        await using var server = CqlTestServer.Start();
        await using var cluster = Cluster.Builder().AddContactPoint(server.Host).WithPort(server.Port).Build();
        await using var session = await ConnectWithSchemaAsync(cluster);
        var (user, email) = (await session.PrepareAsync(InsertUser), await session.PrepareAsync(InsertEmail));

        server.ForgetPreparedStatements();
        await session.ExecuteAsync(UpsertBatch(user, email, 1));

        Assert.Equal(2, server.UnpreparedAnswers);
        Assert.Equal(1, server.RowCount("ks", "users"));
        Assert.Equal(1, server.RowCount("ks", "emails"));
    }

    [Fact]
    public async Task Statements_are_prepared_on_every_node_so_the_first_batches_on_three_nodes_need_no_reprepare()
    {
        await using var nodes = CqlTestCluster.Start(3);
        await using var cluster = Cluster.Builder().AddContactPoints(nodes.ContactPoints.Split(',')).WithPort(nodes.Port).Build();
        await using var session = await ConnectWithSchemaAsync(cluster);

        var (user, email) = (await session.PrepareAsync(InsertUser), await session.PrepareAsync(InsertEmail));
        Assert.All(nodes.Nodes, node => Assert.True(node.KnowsPreparedStatement(user.Id) && node.KnowsPreparedStatement(email.Id), $"{node.Host} was not asked to prepare"));

        for (var i = 0; i < 6; i++) await session.ExecuteAsync(UpsertBatch(user, email, i));

        Assert.All(nodes.Nodes, node => Assert.True(node.RequestCount(CqlRequestKind.Batch) > 0, $"{node.Host} served no batch"));
        Assert.Equal(0, nodes.UnpreparedAnswers);
        Assert.Equal(6, nodes.RowCount("ks", "users"));
    }

    [Fact]
    public async Task A_node_down_at_connect_gets_the_statements_prepared_before_its_first_request_when_it_comes_up()
    {
        await using var nodes = CqlTestCluster.Start(3);
        var late = nodes.Nodes[2];
        late.Shutdown();
        var clock = new ManualTimeProvider();
        await using var cluster = Cluster.Builder().AddContactPoints(nodes.ContactPoints.Split(',')).WithPort(nodes.Port)
            .WithReconnectionPolicy(new ConstantReconnectionPolicy(1000)).WithTimeProvider(clock).Build();
        await using var session = await ConnectWithSchemaAsync(cluster);
        var (user, email) = (await session.PrepareAsync(InsertUser), await session.PrepareAsync(InsertEmail));
        Assert.False(late.KnowsPreparedStatement(user.Id));

        late.Restart();
        clock.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 6; i++) await session.ExecuteAsync(UpsertBatch(user, email, i));

        Assert.True(late.RequestCount(CqlRequestKind.Batch) > 0, "the node that came up served no batch");
        Assert.True(late.KnowsPreparedStatement(user.Id) && late.KnowsPreparedStatement(email.Id));
        Assert.Equal(0, nodes.UnpreparedAnswers);
    }

    [Fact]
    public async Task A_node_that_restarted_gets_the_statements_prepared_again_before_its_next_request()
    {
        await using var nodes = CqlTestCluster.Start(2);
        await using var cluster = Cluster.Builder().AddContactPoints(nodes.ContactPoints.Split(',')).WithPort(nodes.Port).Build();
        await using var session = await ConnectWithSchemaAsync(cluster);
        var (user, email) = (await session.PrepareAsync(InsertUser), await session.PrepareAsync(InsertEmail));

        nodes.Nodes[1].Restart();
        // A request already on its way when the connection dropped fails (its outcome is unknown); later ones reconnect.
        await RunUntilEveryNodeAnsweredAsync(session, nodes);
        for (var i = 0; i < 4; i++) await session.ExecuteAsync(UpsertBatch(user, email, i));

        Assert.True(nodes.Nodes[1].KnowsPreparedStatement(user.Id) && nodes.Nodes[1].KnowsPreparedStatement(email.Id));
        Assert.Equal(0, nodes.UnpreparedAnswers);
        Assert.Equal(4, nodes.RowCount("ks", "users"));
    }

    [Fact]
    public async Task A_node_that_keeps_answering_unprepared_fails_the_request_after_one_reprepare_per_statement()
    {
        byte[] first = [0x01], second = [0x02];
        var batches = 0;
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Opcode switch
        {
            PeerRequest.Prepare => SpecFrames.PreparedFrame(r.Stream, r.Text!.Contains("users") ? first : second, ("id", 0x0009)),
            // A node that names the statements in turn and never keeps them.
            PeerRequest.Batch => Interlocked.Increment(ref batches) % 2 == 1
                ? SpecFrames.ErrorFrame(r.Stream, 0x2500, "Prepared query with ID 01 not found", f => f.ShortBytes(first))
                : SpecFrames.ErrorFrame(r.Stream, 0x2500, "Prepared query with ID 02 not found", f => f.ShortBytes(second)),
            _ => null,
        }));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();
        var (user, email) = (await session.PrepareAsync("INSERT INTO users (id) VALUES (?)"), await session.PrepareAsync("INSERT INTO emails (id) VALUES (?)"));

        var error = await Assert.ThrowsAsync<DriverException>(() => session.ExecuteAsync(new BatchStatement().Add(user.Bind(1)).Add(email.Bind(1)).Add(user.Bind(2))));

        Assert.Contains("still does not know", error.Message);
        Assert.IsType<PreparedQueryNotFoundException>(error.InnerException);
        Assert.Equal(3, batches);
        Assert.Equal(2 + 2, peer.Requests.Count(r => r.Opcode == PeerRequest.Prepare));
    }

    [Fact]
    public async Task A_statement_the_node_forgot_after_the_session_switched_keyspace_is_refused_instead_of_run_in_the_new_one()
    {
        await using var server = CqlTestServer.Start();
        await using var cluster = Cluster.Builder().AddContactPoint(server.Host).WithPort(server.Port).Build();
        await using var session = await cluster.ConnectAsync();
        foreach (var keyspace in new[] { "one", "two" })
        {
            await session.ExecuteAsync($"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
            await session.ExecuteAsync($"CREATE TABLE {keyspace}.t (k int PRIMARY KEY, v text)");
        }
        await session.ExecuteAsync("USE one");
        var insert = await session.PrepareAsync("INSERT INTO t (k, v) VALUES (?, ?)");
        await session.ExecuteAsync("USE two");

        // While the node knows the statement it runs where it was prepared.
        await session.ExecuteAsync(insert.Bind(1, "known"));
        server.ForgetPreparedStatements();
        var error = await Assert.ThrowsAsync<PreparedStatementKeyspaceMismatchException>(() => session.ExecuteAsync(insert.Bind(2, "forgotten")));

        Assert.Equal("one", error.PreparedKeyspace);
        Assert.Equal("two", error.SessionKeyspace);
        Assert.Equal(1, server.RowCount("one", "t"));
        Assert.Equal(0, server.RowCount("two", "t"));
    }

    private static async Task<ISession> ConnectWithSchemaAsync(Cluster cluster)
    {
        var setup = await cluster.ConnectAsync();
        await setup.ExecuteAsync(CreateKeyspace);
        await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS ks.users (id int PRIMARY KEY, name text)");
        await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS ks.emails (email text PRIMARY KEY, id int)");
        await setup.DisposeAsync();
        return await cluster.ConnectAsync("ks");
    }

    private static BatchStatement UpsertBatch(PreparedStatement user, PreparedStatement email, int id) =>
        new BatchStatement().Add(user.Bind(id, $"user {id}")).Add(email.Bind($"user{id}@example.com", id));

    private static async Task RunUntilEveryNodeAnsweredAsync(ISession session, CqlTestCluster nodes)
    {
        var before = nodes.Nodes.Select(n => n.RequestCount(CqlRequestKind.Query)).ToArray();
        for (var attempt = 0; attempt < 20 && nodes.Nodes.Where((n, i) => n.RequestCount(CqlRequestKind.Query) == before[i]).Any(); attempt++)
        {
            try
            {
                await session.ExecuteAsync("SELECT id FROM users LIMIT 1");
            }
            catch (ConnectionClosedException)
            {
            }
        }
    }
}
