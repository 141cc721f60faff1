using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using UserStream.Contracts.Messages;
using UserStream.Testing;
using UserStream.UserStore.Postgres;

namespace UserStream.Processor.Tests.DeadLetters;

/// <summary>
/// A processor process whose store refuses some users: their dead letters, and a malformed message's, are listed with
/// their reasons and originals over HTTP (messages put on the wire by an independent client), and once the cause is
/// gone the refused ones are replayed and stored; a replayed message that fails again is dead-lettered again, once.
/// </summary>
public sealed class DeadLetterReplayTests
{
    [Fact]
    public async Task Dead_letters_are_listed_with_their_reasons_and_replayed_after_the_cause_is_removed()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(postgres))
            await new PostgresUserStore(dataSource).EnsureSchemaAsync();
        // Passes every check of the processor, refused by the database (SQLSTATE 23514): the cause, removed later.
        await UserRows.ExecuteAsync(postgres, "ALTER TABLE user_stream.created_users ADD CONSTRAINT no_mallory CHECK (last_name <> 'Mallory')");
        var topic = SharedInfrastructure.CreateTopic("replay", 1);
        var deadLetterTopic = SharedInfrastructure.CreateTopic("replay-dlq", 2);
        await using var processor = await ProcessorProcess.StartAsync(postgres, topic, deadLetterTopic, "replay-" + Guid.NewGuid().ToString("N"));
        using var http = processor.CreateClient();

        var mallories = Enumerable.Range(0, 3).Select(_ => TestUsers.Message(TestUsers.Record() with { Name = new("Mr", "Eve", "Mallory") })).ToList();
        var good = TestUsers.Message();
        var schema = (MessageHeaders.Schema, (byte[]?)Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1));
        var malformed = new RawRecord(Encoding.UTF8.GetBytes("malformed"), Encoding.UTF8.GetBytes("{not json"), [schema]);
        await PythonKafkaProducer.ProduceAsync(SharedInfrastructure.KafkaBootstrapServers, topic,
            [.. mallories.Select(Record), malformed, Record(good)]);
        await Eventually.ReturnsAsync(() => UserRows.ExistsAsync(postgres, Guid.Parse(good.User.Login!.Uuid!)), stored => stored, TimeSpan.FromSeconds(30), "the good user stored");

        // Listed, with reasons, sources and the originals as text; page by page the same as all at once.
        var all = await Eventually.ReturnsAsync(() => ListAsync(http, "dead-letters?limit=500"), l => l.Count == 4, TimeSpan.FromSeconds(30), "4 dead letters listed");
        Assert.Equal(3, all.Count(d => d.GetProperty("reason").GetString() == DeadLetterReasons.StoreRejected));
        Assert.Equal(["{not json"], all.Where(d => d.GetProperty("reason").GetString() == DeadLetterReasons.InvalidJson).Select(d => d.GetProperty("value").GetString()));
        Assert.All(all, d => Assert.StartsWith($"{topic}/0@", d.GetProperty("source").GetString()));
        Assert.Equal(mallories.Select(m => m.User.Login!.Uuid).Order(),
            all.Where(d => d.GetProperty("reason").GetString() == DeadLetterReasons.StoreRejected).Select(d => d.GetProperty("key").GetString()).Order());
        var paged = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = JsonDocument.Parse(await http.GetStringAsync("dead-letters?limit=3" + (token is null ? "" : "&pageToken=" + token))).RootElement.Clone();
            paged.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.GetProperty("nextPageToken").GetString();
        }
        while (token is not null);
        Assert.Equal(all.Select(Position), paged.Select(Position));
        Assert.Equal(3, (await ListAsync(http, "dead-letters?reason=store-rejected")).Count);

        // At a glance: the topic drained by the group, the dead-letter topic's size, over HTTP and as a metric.
        var topics = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await http.GetStringAsync("topics")).RootElement.Clone(),
            t => t.GetProperty("topics")[0].GetProperty("lag").GetInt64() == 0, TimeSpan.FromSeconds(30), "the group's lag at 0");
        var (main, dlq) = (topics.GetProperty("topics")[0], topics.GetProperty("topics")[1]);
        Assert.Equal((topic, 1, 5L), (main.GetProperty("name").GetString(), main.GetProperty("partitions").GetInt32(), main.GetProperty("messages").GetInt64()));
        Assert.Equal(5, main.GetProperty("partitionDetails")[0].GetProperty("committed").GetInt64());
        Assert.Equal((deadLetterTopic, 2, 4L), (dlq.GetProperty("name").GetString(), dlq.GetProperty("partitions").GetInt32(), dlq.GetProperty("messages").GetInt64()));
        await Eventually.ReturnsAsync(() => http.GetStringAsync("metrics"), m => System.Text.RegularExpressions.Regex.IsMatch(m, @"^userstream_processor_dead_letter_topic_messages(_messages)?(\{[^}]*\})? 4( |$)", System.Text.RegularExpressions.RegexOptions.Multiline),
            TimeSpan.FromSeconds(30), "the dead-letter topic's size as a metric");
        using (var stranger = processor.CreateAnonymousClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("dead-letters")).StatusCode);

        // The cause removed, the refused users are replayed and stored; the malformed message is left alone.
        await UserRows.ExecuteAsync(postgres, "ALTER TABLE user_stream.created_users DROP CONSTRAINT no_mallory");
        var replayed = await ReplayAsync(http, new { reason = DeadLetterReasons.StoreRejected });
        Assert.Equal(3, replayed.GetProperty("replayed").GetInt32());
        await Eventually.ReturnsAsync(() => UserRows.CountAsync(postgres), n => n == 4, TimeSpan.FromSeconds(30), "the 3 replayed users stored");

        // Replaying everything again: the stored users are upserted (no new row), the malformed one fails again and is
        // dead-lettered again, once, naming the dead letter it was replayed from.
        Assert.Equal(4, (await ReplayAsync(http, new { })).GetProperty("replayed").GetInt32());
        var again = await Eventually.ReturnsAsync(() => ListAsync(http, "dead-letters?reason=invalid-json"), l => l.Count == 2, TimeSpan.FromSeconds(30), "the malformed message dead-lettered again");
        var first = all.Single(d => d.GetProperty("reason").GetString() == DeadLetterReasons.InvalidJson);
        Assert.Equal($"{deadLetterTopic}/{first.GetProperty("partition").GetInt32()}@{first.GetProperty("offset").GetInt64()}",
            again.Single(d => d.GetProperty("replayedFrom").ValueKind == JsonValueKind.String).GetProperty("replayedFrom").GetString());
        Assert.Equal(4, await UserRows.CountAsync(postgres));
        Assert.Equal(5, (await ListAsync(http, "dead-letters?limit=500")).Count); // the 4 first dead letters and the malformed one's second
    }

    [Fact]
    public async Task Bad_parameters_get_a_400_naming_them()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        await using var processor = await ProcessorProcess.StartAsync(postgres, SharedInfrastructure.CreateTopic("dlq-input", 1),
            SharedInfrastructure.CreateTopic("dlq-input-dlq", 1), "dlq-input-" + Guid.NewGuid().ToString("N"));
        using var http = processor.CreateClient();

        foreach (var (url, field) in new[]
        {
            ("dead-letters?limit=0", "limit"), ("dead-letters?limit=501", "limit"), ("dead-letters?limit=x", "limit"),
            ("dead-letters?pageToken=not-a-token", "pageToken"), ("dead-letters?reason=", "reason"),
        })
        {
            using var response = await http.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
            Assert.Contains($"\"{field}\"", text);
        }
        using var negative = await http.PostAsJsonAsync("dead-letters/replay", new { fromOffset = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("fromOffset", await negative.Content.ReadAsStringAsync());
        Assert.Empty(await ListAsync(http, "dead-letters")); // an empty dead-letter topic is an empty page
    }

    private static RawRecord Record(UserCreatedV1 message) =>
        new(Encoding.UTF8.GetBytes(message.User.Login!.Uuid!), TestUsers.Json(message), [(MessageHeaders.Schema, Encoding.UTF8.GetBytes(MessageSchema.UserCreatedV1))]);

    private static (int, long) Position(JsonElement letter) => (letter.GetProperty("partition").GetInt32(), letter.GetProperty("offset").GetInt64());

    private static async Task<List<JsonElement>> ListAsync(HttpClient http, string url) =>
        [.. JsonDocument.Parse(await http.GetStringAsync(url)).RootElement.Clone().GetProperty("items").EnumerateArray()];

    private static async Task<JsonElement> ReplayAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("dead-letters/replay", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
