using UserStream.Cql;
using UserStream.Cql.TestServer;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Which keyspace each connection is in: one USE per connection, and the caller's own USE statements remembered.</summary>
public sealed class KeyspaceSwitchingTests
{
    [Fact]
    public async Task A_connection_opened_under_load_sends_one_use_for_all_the_requests_waiting_on_it()
    {
        const int waiting = 20;
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            if (request.Opcode != PeerRequest.Query) return false;
            if (request.Text == "SELECT drop")
            {
                connection.Drop();
                return true;
            }
            if (request.Text!.StartsWith("USE ", StringComparison.Ordinal))
            {
                // A slow USE, so the requests that arrive meanwhile find the connection still elsewhere.
                await Task.Delay(100);
                await connection.SendAsync(SpecFrames.SetKeyspaceFrame(request.Stream, "ks"));
                return true;
            }
            await connection.SendAsync(SpecFrames.TextRowsFrame(request.Stream, "v", ["ok"]));
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync("ks");
        await Assert.ThrowsAsync<ConnectionClosedException>(() => session.ExecuteAsync("SELECT drop"));

        var results = await Task.WhenAll(Enumerable.Range(0, waiting).Select(_ => session.ExecuteAsync("SELECT v")));

        Assert.All(results, rows => Assert.Equal("ok", rows.Single().GetValue<string>(0)));
        Assert.Equal(2, peer.ConnectionsAccepted);
        Assert.Equal(2, peer.Requests.Count(r => r.Text?.StartsWith("USE ", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task The_callers_own_use_moves_the_connection_so_no_second_use_is_sent()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Text == "SELECT v" ? SpecFrames.TextRowsFrame(r.Stream, "v", ["ok"]) : null));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync("one");

        await session.ExecuteAsync("USE two");
        await session.ExecuteAsync("SELECT v");

        Assert.Equal(["USE one", "USE two", "SELECT v"], peer.Requests.Where(r => r.Opcode == PeerRequest.Query).Select(r => r.Text));
    }

    [Fact]
    public async Task After_use_statements_on_different_nodes_every_query_runs_in_the_session_keyspace()
    {
        await using var nodes = CqlTestCluster.Start(2);
        await using var cluster = Cluster.Builder().AddContactPoints(nodes.ContactPoints.Split(',')).WithPort(nodes.Port).Build();
        await using (var setup = await cluster.ConnectAsync())
        {
            foreach (var keyspace in new[] { "one", "two" })
            {
                await setup.ExecuteAsync($"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
                await setup.ExecuteAsync($"CREATE TABLE {keyspace}.t (k int PRIMARY KEY, v text)");
                await setup.ExecuteAsync($"INSERT INTO {keyspace}.t (k, v) VALUES (1, 'in {keyspace}')");
            }
        }
        await using var session = await cluster.ConnectAsync("one");

        // Round-robin: each USE runs on another node, so each node's connection has been moved by the caller once.
        await session.ExecuteAsync("USE two");
        await session.ExecuteAsync("USE one");
        var answers = new List<string>();
        for (var i = 0; i < 4; i++) answers.Add((await session.ExecuteAsync("SELECT v FROM t WHERE k = 1")).Single().GetValue<string>("v"));

        Assert.Equal("one", session.Keyspace);
        Assert.All(answers, v => Assert.Equal("in one", v));
    }
}
