using UserStream.Cql.TestServer;

namespace UserStream.Cql.Tests;

/// <summary>With a local data centre, requests go to its nodes, and elsewhere only when none of them takes them.</summary>
public sealed class LocalDataCenterTests
{
    private static readonly string[] DataCenters = ["dc-west", "dc-west", "dc-east", "dc-east"];

    [Fact]
    public async Task Requests_go_round_robin_to_the_local_data_centre_and_to_the_other_only_when_it_is_down()
    {
        await using var nodes = CqlTestCluster.Start(4, dataCenters: DataCenters);
        await using var cluster = Cluster.Builder()
            .WithConnectionString($"Contact Points={nodes.ContactPoints};Port={nodes.Port};Local Data Center=dc-east").Build();
        await using var session = await cluster.ConnectAsync();
        Assert.Equal(DataCenters, cluster.AllHosts().Select(h => h.DataCenter));

        var before = nodes.Nodes.Select(n => n.RequestCount(CqlRequestKind.Query)).ToArray();
        for (var i = 0; i < 20; i++)
            await session.ExecuteAsync("SELECT release_version FROM system.local WHERE key = 'local'");
        var served = nodes.Nodes.Select((n, i) => n.RequestCount(CqlRequestKind.Query) - before[i]).ToArray();
        Assert.Equal((0, 0), (served[0], served[1]));
        Assert.True(served[2] > 0 && served[3] > 0, $"both local nodes take requests: {served[2]} and {served[3]}");
        Assert.Equal(20, served[2] + served[3]);

        nodes.Nodes[2].Shutdown();
        nodes.Nodes[3].Shutdown();
        // A request already sent on a connection the node has just closed fails with it (the client cannot know whether
        // the node ran it, so it is not resent); the ones after go to the other data centre. At most one such failure per
        // connection the two local nodes had open (PoolingOptions: at most 2 per host).
        var inFlight = new List<Exception>();
        string? servedBy = null;
        for (var attempt = 0; attempt < 10 && servedBy is null; attempt++)
        {
            try
            {
                var rows = await session.ExecuteAsync("SELECT data_center FROM system.local WHERE key = 'local'");
                servedBy = rows.Single().GetValue<string>("data_center");
            }
            catch (ConnectionClosedException e)
            {
                inFlight.Add(e);
            }
        }
        Assert.Equal("dc-west", servedBy);
        Assert.True(inFlight.Count <= 4, $"{inFlight.Count} requests failed on closed connections: {string.Join("; ", inFlight.Select(e => e.Message))}");
    }

    [Fact]
    public async Task Without_a_local_data_centre_every_node_takes_requests()
    {
        await using var nodes = CqlTestCluster.Start(4, dataCenters: DataCenters);
        await using var cluster = Cluster.Builder().AddContactPoints(nodes.ContactPoints.Split(',')).WithPort(nodes.Port).Build();
        await using var session = await cluster.ConnectAsync();

        for (var i = 0; i < 20; i++)
            await session.ExecuteAsync("SELECT release_version FROM system.local WHERE key = 'local'");

        Assert.All(nodes.Nodes, n => Assert.True(n.RequestCount(CqlRequestKind.Query) > 0, $"{n.Host} took no request"));
        Assert.All(cluster.AllHosts(), h => Assert.Null(h.DataCenter)); // nothing asked: no local data centre to prefer
    }
}
