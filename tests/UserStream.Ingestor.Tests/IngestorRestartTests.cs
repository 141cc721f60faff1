using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>The ingestor as a real process, killed (SIGKILL) in the middle of a run and started again.</summary>
public sealed class IngestorRestartTests
{
    private const int Requested = 230;
    private const int PageSize = 50;

    [Fact]
    public async Task An_ingestor_killed_mid_run_resumes_it_after_restart_and_delivers_exactly_the_requested_users()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("restart-users", 4);
        await using var source = await GatedSource.StartAsync(holdFromPage: 3);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = topic,
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Ingestion__Source__PageSize"] = PageSize.ToString(),
            ["Ingestion__Source__AttemptTimeout"] = "00:05:00", // the held page must not time out and be retried
        };

        Guid runId;
        await using (var first = await ServiceProcess.StartAsync("Ingestor", environment))
        {
            using var http = first.CreateClient();
            await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");
            var accepted = await http.PostAsJsonAsync("runs", new { count = Requested, seed = "killed" });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

            await source.Holding.WaitAsync(TimeSpan.FromSeconds(60));
            var during = await RunAsync(http, runId);
            Assert.Equal("fetching", during.GetProperty("status").GetString());
            Assert.Equal(2, during.GetProperty("pagesFetched").GetInt32());
            Assert.Equal(2 * PageSize, during.GetProperty("fetched").GetInt32());
        } // disposing kills the process (SIGKILL) while page 3 is being fetched

        var pagesBeforeRestart = source.RequestedPages.Count;
        source.Release();
        await using var second = await ServiceProcess.StartAsync("Ingestor", environment);
        using var secondHttp = second.CreateClient();
        var run = await Eventually.ReturnsAsync(() => RunAsync(secondHttp, runId), r => r.GetProperty("status").GetString() == "completed",
            TimeSpan.FromSeconds(90), "the resumed run completed");

        Assert.Equal(5, run.GetProperty("pagesFetched").GetInt32());
        Assert.Equal(Requested, run.GetProperty("fetched").GetInt32());
        Assert.Equal(Requested, run.GetProperty("valid").GetInt32());
        Assert.Equal(Requested, run.GetProperty("published").GetInt32());
        Assert.Equal([3, 4, 5], source.RequestedPages.Skip(pagesBeforeRestart)); // page 3 again (it was never committed), then on

        var outboxKeys = await OutboxKeysAsync(postgres, runId);
        Assert.Equal(Requested, outboxKeys.Count);
        Assert.Equal(Requested, outboxKeys.Distinct().Count());

        var topicKeys = TopicKeys(topic, Requested);
        if (topicKeys.Count < Requested) // a batch published twice around the kill: read on until every key is there
            topicKeys = TopicKeys(topic, int.MaxValue, TimeSpan.FromSeconds(20));
        Assert.Equal(outboxKeys.ToHashSet(), topicKeys);
    }

    private static async Task<JsonElement> RunAsync(HttpClient http, Guid runId) =>
        JsonDocument.Parse(await http.GetStringAsync($"runs/{runId}")).RootElement;

    private static async Task<List<string>> OutboxKeysAsync(string postgres, Guid runId)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        return await OutboxKeys.OfRunAsync(dataSource, runId);
    }

    private static HashSet<string> TopicKeys(string topic, int expected, TimeSpan? timeout = null) =>
        TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, topic, 4, expected, timeout)
            .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();
}
