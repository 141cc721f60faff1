using System.Collections.Concurrent;
using UserStream.Cql;
using UserStream.Cql.Tests.Support;
using UserStream.Testing;

namespace UserStream.Cql.Tests;

/// <summary>Faults: concurrency on one connection, timeouts, dropped connections, re-prepare, hosts going down and back.</summary>
public class FaultTests
{
    [Fact]
    public async Task Many_requests_share_one_connection_and_each_gets_its_own_answer()
    {
        const int count = 50;
        var held = new ConcurrentQueue<(PeerRequest Request, PeerConnection Connection)>();
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            if (request.Opcode != PeerRequest.Query || !request.Text!.StartsWith("SELECT ", StringComparison.Ordinal)) return false;
            held.Enqueue((request, connection));
            if (held.Count < count) return true;
            // Everything is in flight at once: answer in reverse order so only stream ids can pair them up.
            foreach (var (r, c) in held.Reverse()) await c.SendAsync(SpecFrames.TextRowsFrame(r.Stream, "echo", [r.Text![7..]]));
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => session.ExecuteAsync($"SELECT {i}")));

        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), results.Select(r => r.Single().GetValue<string>(0)));
        Assert.Equal(count, held.Select(h => h.Request.Stream).Distinct().Count());
        Assert.Equal(1, peer.ConnectionsAccepted);
    }

    [Fact]
    public async Task Request_times_out_and_the_connection_keeps_serving_others()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Text switch
        {
            "SELECT slow" => [], // swallowed: never answered
            "SELECT fast" => SpecFrames.TextRowsFrame(r.Stream, "v", ["ok"]),
            _ => null,
        }));
        peer.Script = WithSilence(peer.Script);
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var error = await Assert.ThrowsAsync<OperationTimedOutException>(() => session.ExecuteAsync(new SimpleStatement("SELECT slow").SetReadTimeoutMillis(200)));
        var after = await session.ExecuteAsync("SELECT fast");

        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
        Assert.Equal("ok", after.Single().GetValue<string>(0));
        Assert.Equal(1, peer.ConnectionsAccepted);
    }

    [Fact]
    public async Task Connection_left_with_too_many_unanswered_requests_is_replaced()
    {
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Text == "SELECT fast" ? SpecFrames.TextRowsFrame(r.Stream, "v", ["ok"]) : null));
        peer.Script = WithSilence(peer.Script);
        // Four stream ids per connection: more than one abandoned to a silent server closes it.
        await using var cluster = peer.ClusterBuilder().WithPoolingOptions(new PoolingOptions().SetMaxRequestsPerConnection(4)).Build();
        await using var session = await cluster.ConnectAsync();

        for (var i = 0; i < 2; i++)
            await Assert.ThrowsAsync<OperationTimedOutException>(() => session.ExecuteAsync(new SimpleStatement("SELECT slow").SetReadTimeoutMillis(100)));
        var after = await session.ExecuteAsync("SELECT fast");

        Assert.Equal("ok", after.Single().GetValue<string>(0));
        Assert.Equal(2, peer.ConnectionsAccepted);
    }

    [Fact]
    public async Task Dropped_connection_fails_every_request_in_flight_and_is_replaced()
    {
        var hung = 0;
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            if (request.Text == "SELECT hang")
            {
                if (Interlocked.Increment(ref hung) == 3) connection.Drop();
                return true;
            }
            if (request.Text != "SELECT after") return false;
            await connection.SendAsync(SpecFrames.TextRowsFrame(request.Stream, "v", ["fresh"]));
            return true;
        });
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();

        var inFlight = Enumerable.Range(0, 3).Select(_ => session.ExecuteAsync("SELECT hang")).ToArray();
        foreach (var request in inFlight)
        {
            var error = await Assert.ThrowsAsync<ConnectionClosedException>(() => request);
            Assert.Contains("closed", error.Message);
        }
        var after = await session.ExecuteAsync("SELECT after");

        Assert.Equal("fresh", after.Single().GetValue<string>(0));
        Assert.Equal(2, peer.ConnectionsAccepted);
        Assert.True(cluster.AllHosts().Single().IsUp);
    }

    [Fact]
    public async Task Client_reprepares_on_unprepared_and_retries_transparently()
    {
        byte[] stale = [0x01], fresh = [0x02];
        var prepares = 0;
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Opcode switch
        {
            PeerRequest.Prepare => SpecFrames.PreparedFrame(r.Stream, Interlocked.Increment(ref prepares) == 1 ? stale : fresh, ("id", 0x0009)),
            // The node "restarted": it only knows the id of the second PREPARE.
            PeerRequest.Execute when r.PreparedId!.SequenceEqual(stale) => SpecFrames.ErrorFrame(r.Stream, 0x2500, "Prepared query with ID 01 not found", f => f.ShortBytes(stale)),
            PeerRequest.Execute => SpecFrames.TextRowsFrame(r.Stream, "v", ["done"]),
            _ => null,
        }));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();
        var prepared = await session.PrepareAsync("SELECT v FROM t WHERE id = ?");

        var rows = await session.ExecuteAsync(prepared.Bind(7));

        Assert.Equal("done", rows.Single().GetValue<string>(0));
        Assert.Equal(fresh, prepared.Id);
        Assert.Equal(
            [PeerRequest.Prepare, PeerRequest.Execute, PeerRequest.Prepare, PeerRequest.Execute],
            peer.Requests.Where(r => r.Opcode is PeerRequest.Prepare or PeerRequest.Execute).Select(r => r.Opcode));
    }

    [Fact]
    public async Task Batch_reprepares_its_stale_statements_on_unprepared()
    {
        byte[] stale = [0xDE, 0xAD, 0xBE, 0xEF], fresh = [0xFE, 0xED, 0xFA, 0xCE];
        var prepares = 0;
        await using var peer = new ScriptedCqlPeer(PeerScripts.OnQuery(r => r.Opcode switch
        {
            PeerRequest.Prepare => SpecFrames.PreparedFrame(r.Stream, Interlocked.Increment(ref prepares) == 1 ? stale : fresh, ("k", 0x0009)),
            PeerRequest.Batch when r.Body.AsSpan().IndexOf(stale) >= 0 => SpecFrames.ErrorFrame(r.Stream, 0x2500, "unknown", f => f.ShortBytes(stale)),
            PeerRequest.Batch => SpecFrames.VoidResultFrame(r.Stream),
            _ => null,
        }));
        await using var cluster = peer.ClusterBuilder().Build();
        await using var session = await cluster.ConnectAsync();
        var prepared = await session.PrepareAsync("INSERT INTO t (k) VALUES (?)");

        await session.ExecuteAsync(new BatchStatement().Add(prepared.Bind(1)).Add(prepared.Bind(2)));

        Assert.Equal(fresh, prepared.Id);
        Assert.Equal(2, peer.Requests.Count(r => r.Opcode == PeerRequest.Batch));
    }

    [Fact]
    public async Task Overloaded_host_passes_the_request_to_the_next_host()
    {
        await using var busy = new ScriptedCqlPeer(PeerScripts.OnQuery(r => SpecFrames.ErrorFrame(r.Stream, 0x1001, "Too many in flight requests")));
        await using var calm = new ScriptedCqlPeer(PeerScripts.OnQuery(r => SpecFrames.TextRowsFrame(r.Stream, "v", ["calm"])));
        await using var cluster = Cluster.Builder().AddContactPoints($"127.0.0.1:{busy.Port}", $"127.0.0.1:{calm.Port}").Build();
        await using var session = await cluster.ConnectAsync();

        for (var i = 0; i < 4; i++)
        {
            var rows = await session.ExecuteAsync("SELECT v FROM t");
            Assert.Equal($"127.0.0.1:{calm.Port}", rows.Info.QueriedHost);
        }
        Assert.Contains(busy.Requests, r => r.Text == "SELECT v FROM t");
    }

    [Fact]
    public async Task Unreachable_host_is_marked_down_and_retried_with_growing_backoff_until_it_comes_back()
    {
        var clock = new ManualTimeProvider();
        var downPort = PeerScripts.FreePort();
        await using var up = new ScriptedCqlPeer(PeerScripts.OnQuery(r => SpecFrames.TextRowsFrame(r.Stream, "v", ["up"])));
        await using var cluster = Cluster.Builder()
            .AddContactPoints($"127.0.0.1:{up.Port}", $"127.0.0.1:{downPort}")
            .WithReconnectionPolicy(new ExponentialReconnectionPolicy(1000, 60_000))
            .WithTimeProvider(clock)
            .Build();
        await using var session = await cluster.ConnectAsync();
        var down = cluster.AllHosts().Single(h => h.Port == downPort);

        Assert.False(down.IsUp);
        Assert.Equal(clock.GetUtcNow().AddSeconds(1), down.NextReconnectionAttempt);

        // Not due yet: requests go to the live host only.
        for (var i = 0; i < 4; i++) Assert.Equal("up", (await session.ExecuteAsync("SELECT v")).Single().GetValue<string>(0));
        Assert.Equal(clock.GetUtcNow().AddSeconds(1), down.NextReconnectionAttempt);

        // Due: the next requests try it, fail over to the live host, and push the next attempt out (2 s).
        clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2; i++) await session.ExecuteAsync("SELECT v");
        Assert.False(down.IsUp);
        Assert.Equal(clock.GetUtcNow().AddSeconds(2), down.NextReconnectionAttempt);

        // The node comes back: once due, it is used again and marked up.
        await using var revived = new ScriptedCqlPeer(PeerScripts.OnQuery(r => SpecFrames.TextRowsFrame(r.Stream, "v", ["revived"])), downPort);
        clock.Advance(TimeSpan.FromSeconds(2));
        var answers = new List<string>();
        for (var i = 0; i < 2; i++) answers.Add((await session.ExecuteAsync("SELECT v")).Single().GetValue<string>(0));

        Assert.Contains("revived", answers);
        Assert.True(down.IsUp);
        Assert.Null(down.NextReconnectionAttempt);
    }

    [Fact]
    public async Task Requests_fail_with_no_host_available_when_every_host_is_down()
    {
        var peer = new ScriptedCqlPeer();
        await using var cluster = peer.ClusterBuilder().WithReconnectionPolicy(new ConstantReconnectionPolicy(60_000)).Build();
        await using var session = await cluster.ConnectAsync();
        await peer.DisposeAsync();

        // The open connection dies with the peer (the first request may still see it close); the replacement
        // cannot connect, which marks the host down; after that requests fail at once until it is due again.
        await Assert.ThrowsAnyAsync<DriverException>(() => session.ExecuteAsync("SELECT 1"));
        await Assert.ThrowsAnyAsync<DriverException>(() => session.ExecuteAsync("SELECT 1"));
        var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => session.ExecuteAsync("SELECT 1"));

        Assert.False(cluster.AllHosts().Single().IsUp);
        Assert.Empty(error.Errors);
        Assert.Contains("marked down", error.Message);
    }

    [Fact]
    public async Task Pool_opens_another_connection_when_the_first_is_busy()
    {
        var held = new ConcurrentQueue<(PeerRequest Request, PeerConnection Connection)>();
        await using var peer = new ScriptedCqlPeer(async (request, connection) =>
        {
            if (request.Text != "SELECT held") return false;
            held.Enqueue((request, connection));
            if (held.Count == 3)
                foreach (var (r, c) in held) await c.SendAsync(SpecFrames.VoidResultFrame(r.Stream));
            return true;
        });
        await using var cluster = peer.ClusterBuilder()
            .WithPoolingOptions(new PoolingOptions().SetMaxConnectionsPerHost(2).SetNewConnectionThreshold(1))
            .Build();
        await using var session = await cluster.ConnectAsync();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => session.ExecuteAsync("SELECT held")));

        Assert.Equal(2, peer.ConnectionsAccepted);
        Assert.Equal(2, held.Select(h => h.Connection.Index).Distinct().Count());
    }

    /// <summary>Turns an empty answer from the script into "say nothing".</summary>
    private static Func<PeerRequest, PeerConnection, Task<bool>> WithSilence(Func<PeerRequest, PeerConnection, Task<bool>> script) =>
        (request, connection) => request.Text == "SELECT slow" ? Task.FromResult(true) : script(request, connection);
}
