using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
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

    [Fact]
    public async Task No_credential_of_the_source_reaches_the_outbox_the_topics_or_the_logs_of_any_service()
    {
        const int users = 200;
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("e2e-credentials", 4);
        var deadLetters = SharedInfrastructure.CreateTopic("e2e-credentials-dlq", 1);
        var kafka = SharedInfrastructure.KafkaBootstrapServers;

        // Some records get a 2,000-character last name: the ingestor passes them on and the processor dead-letters them,
        // so the dead-letter topic holds messages of this run too.
        await using var source = await ServiceProcess.StartAsync("Source", new Dictionary<string, string> { ["Source__OverlongRate"] = "0.1" });
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__kafka"] = kafka,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = topic,
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Debug",
        });
        await using var processor = await ServiceProcess.StartAsync("Processor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__kafka"] = kafka,
            ["Processor__Topic"] = topic,
            ["Processor__DeadLetterTopic"] = deadLetters,
            ["Processor__GroupId"] = "e2e-credentials-" + Guid.NewGuid().ToString("N"),
            ["Logging__LogLevel__Default"] = "Debug",
        });
        using var ingestorHttp = ingestor.CreateClient();
        using var sourceHttp = source.CreateClient();

        // What the source hands out for this seed (one page): each user's password, salt and hashes.
        var page = await sourceHttp.GetFromJsonAsync<JsonElement>($"api/?results={users}&seed=e2e-credentials&page=1");
        var logins = page.GetProperty("results").EnumerateArray().Select(u => u.GetProperty("login")).ToList();
        var overlong = page.GetProperty("results").EnumerateArray().Count(u => u.GetProperty("name").GetProperty("last").GetString()!.Length == 2000);
        Assert.InRange(overlong, 1, users / 2);
        // Passwords are lorem words ("et", maybe with a number): looked for where they cannot be part of another word.
        var secrets = logins.SelectMany(l => new[] { "salt", "md5", "sha1", "sha256" }.Select(f => l.GetProperty(f).GetString()!))
            .Concat(logins.Select(l => l.GetProperty("password").GetString()!).Where(p => p.Length >= 8)).ToList();
        var passwords = logins.Select(l => $"\"{l.GetProperty("password").GetString()}\"").ToHashSet();

        await Eventually.ReturnsAsync(() => ingestorHttp.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");
        using var accepted = await ingestorHttp.PostAsJsonAsync("runs", new { count = users, seed = "e2e-credentials" });
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await ingestorHttp.GetStringAsync($"runs/{runId}")).RootElement.GetProperty("status").GetString(),
            s => s == "completed", TimeSpan.FromSeconds(90), "run completed");

        var deadLettered = TopicReader.Read(kafka, deadLetters, 1, overlong, TimeSpan.FromSeconds(60));
        Assert.Equal(overlong, deadLettered.Count);
        var published = TopicReader.Read(kafka, topic, 4, users, TimeSpan.FromSeconds(60));
        Assert.Equal(users, published.Count);
        await using var db = NpgsqlDataSource.Create(postgres);
        await using var outbox = db.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM ingest.outbox WHERE run_id = @run");
        outbox.Parameters.AddWithValue("run", runId);
        var rows = new List<string>();
        await using (var reader = await outbox.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
        Assert.Equal(users, rows.Count);

        static string Text(global::Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> m) =>
            Encoding.UTF8.GetString(m.Message.Value ?? []) + string.Concat(m.Message.Headers.Select(h => $" {h.Key}={Encoding.UTF8.GetString(h.GetValueBytes())}"));
        var places = new (string Place, IReadOnlyList<string> Texts)[]
        {
            ("outbox", rows),
            ("users_created", [.. published.Select(Text)]),
            ("the dead-letter topic", [.. deadLettered.Select(Text)]),
            ("the source's log", [source.Output]),
            ("the ingestor's log", [ingestor.Output]),
            ("the processor's log", [processor.Output]),
        };
        foreach (var (place, texts) in places)
            foreach (var text in texts)
            {
                // The source's own log may name the fields; it never sends them further than its HTTP answer.
                if (place != "the source's log")
                    foreach (var field in new[] { "\"password\"", "\"salt\"", "\"md5\"", "\"sha1\"", "\"sha256\"" })
                        Assert.False(text.Contains(field, StringComparison.Ordinal), $"{place} names the field {field}");
                foreach (var secret in secrets)
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{place} holds a credential of the source ({secret})");
                if (place is "outbox" or "users_created" or "the dead-letter topic")
                    Assert.DoesNotContain(passwords, p => text.Contains(p, StringComparison.Ordinal));
            }
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
