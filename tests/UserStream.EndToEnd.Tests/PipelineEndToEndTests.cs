using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Testing;
using UserStream.UserStore;

namespace UserStream.EndToEnd.Tests;

/// <summary>
/// The whole pipeline as separate processes configured only by the conventional environment variables:
/// source → ingestor → PostgreSQL outbox → Kafka (embedded broker over TCP) → processor → PostgreSQL
/// user store → Api. Users asked for with POST /runs come back through GET /users.
/// </summary>
public sealed class PipelineEndToEndTests
{
    [Fact]
    public async Task Users_of_a_triggered_run_are_read_back_through_the_api()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("e2e-users", 8);
        var deadLetters = SharedInfrastructure.CreateTopic("e2e-dlq", 1);
        var kafka = SharedInfrastructure.KafkaBootstrapServers;

        await using var source = await ServiceProcess.StartAsync("Source", new Dictionary<string, string>());
        var ingestorTask = ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__kafka"] = kafka,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = topic,
            ["Ingestion__Schedule__Enabled"] = "false",
        });
        var processorTask = ServiceProcess.StartAsync("Processor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__kafka"] = kafka,
            ["Processor__Topic"] = topic,
            ["Processor__DeadLetterTopic"] = deadLetters,
            ["Processor__GroupId"] = "e2e-" + Guid.NewGuid().ToString("N"),
        });
        var apiTask = ServiceProcess.StartAsync("Api", new Dictionary<string, string> { ["ConnectionStrings__postgres"] = postgres });
        await using var ingestor = await ingestorTask;
        await using var processor = await processorTask;
        await using var api = await apiTask;

        using var ingestorHttp = ingestor.CreateClient();
        using var apiHttp = api.CreateClient();

        await Eventually.ReturnsAsync(() => ingestorHttp.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");
        var accepted = await ingestorHttp.PostAsJsonAsync("runs", new { count = 250, seed = "end-to-end" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var runDocument = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
        var runId = runDocument.RootElement.GetProperty("id").GetGuid();
        Assert.Equal($"/runs/{runId}", accepted.Headers.Location?.OriginalString);

        var users = await Eventually.ReturnsAsync(() => ReadAllUsersAsync(apiHttp), u => u.Count(x => x.RunId == runId) == 250,
            TimeSpan.FromSeconds(90), "250 users of the run through GET /users");
        Assert.Equal(250, users.Select(u => u.Id).Distinct().Count());

        await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await ingestorHttp.GetStringAsync($"runs/{runId}")).RootElement.GetProperty("status").GetString(),
            s => s == "completed", what: "run completed");

        var one = users[0];
        var byId = await apiHttp.GetFromJsonAsync<StoredUser>($"users/{one.Id}", JsonSerializerOptions.Web);
        Assert.Equal(one.Email, byId!.Email);
        var byEmail = await apiHttp.GetFromJsonAsync<StoredUser>($"users/by-email/{Uri.EscapeDataString(one.Email)}", JsonSerializerOptions.Web);
        Assert.Equal(one.Id, byEmail!.Id);

        // The same seed again: the same users, updated in place (they now carry the second run's id), no new rows.
        var again = await ingestorHttp.PostAsJsonAsync("runs", new { count = 250, seed = "end-to-end" });
        using var againDocument = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        var secondRunId = againDocument.RootElement.GetProperty("id").GetGuid();
        var afterReplay = await Eventually.ReturnsAsync(() => ReadAllUsersAsync(apiHttp), u => u.All(x => x.RunId == secondRunId),
            TimeSpan.FromSeconds(90), "every user re-stored by the second run");
        Assert.Equal(250, afterReplay.Count);
    }

    private static async Task<List<StoredUser>> ReadAllUsersAsync(HttpClient api)
    {
        var all = new List<StoredUser>();
        string? token = null;
        do
        {
            var page = await api.GetFromJsonAsync<UserPage>("users?limit=500" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)), JsonSerializerOptions.Web);
            all.AddRange(page!.Items);
            token = page.NextPageToken;
        }
        while (token is not null);
        return all;
    }
}
