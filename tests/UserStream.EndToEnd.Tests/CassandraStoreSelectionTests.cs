using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Cql.TestServer;
using UserStream.Testing;
using UserStream.UserStore;

namespace UserStream.EndToEnd.Tests;

/// <summary>
/// With UserStore__Kind=cassandra (as the AppHost sets it when Cassandra runs), the processor and the Api use the Cassandra store. No Cassandra
/// can run here, so the peer is the in-memory CQL test server (a test double) over real TCP.
/// </summary>
public sealed class CassandraStoreSelectionTests
{
    [Fact]
    public async Task Processor_and_api_use_cassandra_when_the_store_kind_says_so()
    {
        await using var cassandra = CqlTestServer.Start();
        var topic = SharedInfrastructure.CreateTopic("cassandra-users", 4);
        var environment = new Dictionary<string, string>
        {
            ["UserStore__Kind"] = "cassandra",
            ["ConnectionStrings__cassandra"] = cassandra.ConnectionString(),
        };

        await using var processor = await ServiceProcess.StartAsync("Processor", new Dictionary<string, string>(environment)
        {
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Processor__Topic"] = topic,
            ["Processor__DeadLetterTopic"] = SharedInfrastructure.CreateTopic("cassandra-dlq", 1),
            ["Processor__GroupId"] = "cassandra-" + Guid.NewGuid().ToString("N"),
        });
        await using var api = await ServiceProcess.StartAsync("Api", environment);
        using var http = api.CreateClient();

        using var producer = new TestProducer();
        var messages = Enumerable.Range(0, 20).Select(_ => TestUsers.Message()).ToList();
        foreach (var message in messages)
            await producer.SendUserAsync(topic, message);

        var page = await Eventually.ReturnsAsync(() => http.GetFromJsonAsync<UserPage>("users?limit=100", JsonSerializerOptions.Web),
            p => p!.Items.Count == 20, what: "20 users through the Api from the Cassandra store");
        Assert.Equal(messages.Select(m => Guid.Parse(m.User.Login!.Uuid!)).Order(), page!.Items.Select(u => u.Id).Order());
        Assert.Equal(20, cassandra.RowCount("user_stream", "created_users"));

        using var health = JsonDocument.Parse(await http.GetStringAsync("health"));
        Assert.Equal("cassandra", health.RootElement.GetProperty("checks").GetProperty("user-store").GetProperty("data").GetProperty("store").GetString());
        Assert.Contains("User store: cassandra", processor.Output);
    }
}
