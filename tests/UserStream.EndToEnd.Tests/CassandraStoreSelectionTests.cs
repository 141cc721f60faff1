using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using UserStream.Cql.TestServer;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Cassandra;

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
        await using var api = await ServiceProcess.StartAsync("Api", new Dictionary<string, string>(environment)
        {
            ["UserStore__Cassandra__PageTokenKey"] = PageTokenKey,
        });
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

        // Page tokens: the api's own work; one forged with the constant key of earlier versions, or made with another
        // key, is a 400 naming pageToken, and never reaches the server.
        var first = await http.GetFromJsonAsync<UserPage>("users?limit=5", JsonSerializerOptions.Web);
        Assert.Equal(5, (await http.GetFromJsonAsync<UserPage>($"users?limit=5&pageToken={first!.NextPageToken}", JsonSerializerOptions.Web))!.Items.Count);
        var pagingState = new CassandraPageToken(new CassandraUserStoreOptions { PageTokenKey = PageTokenKey }).Decode(first.NextPageToken!);
        byte[] body = [1, .. pagingState];
        var forged = Base64Url.EncodeToString([.. body, .. HMACSHA256.HashData("UserStream.Cassandra.PageToken.v1"u8, body)[..8]]);
        var foreign = new CassandraPageToken(new CassandraUserStoreOptions { PageTokenKey = new string('k', 40) }).Encode(pagingState);
        foreach (var token in new[] { forged, foreign })
        {
            using var refused = await http.GetAsync($"users?limit=5&pageToken={token}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("pageToken", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private const string PageTokenKey = "page-token-key-of-this-test-0123456789";
}
