using System.Text;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using Npgsql;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>The pipeline as the AppHost starts it: a run asked for at the ingestor comes out of the api.</summary>
[Collection(AppHostCollection.Name)]
public sealed class PipelineThroughAppHostTests(AppHostFixture appHost)
{
    private const int Users = 1500;

    [Fact]
    public async Task Every_user_of_a_run_posted_to_the_ingestor_is_readable_through_the_api_and_two_relays_publish_each_once()
    {
        using var ingestor = appHost.Client("ingestor");
        using var api = appHost.Client("api");

        var run = await PipelineApi.StartRunAsync(ingestor, Users, "apphost-" + Guid.NewGuid().ToString("N"));

        await Eventually.ReturnsAsync(() => PipelineApi.CountUsersOfRunAsync(api, run), n => n == Users,
            TimeSpan.FromMinutes(3), $"all {Users} users of the run readable through GET /users");

        // Both ingestors' relays claim outbox rows (FOR UPDATE SKIP LOCKED): none may publish a row the other did.
        Assert.Equal(2, appHost.ReplicaCount("ingestor"));
        var keys = await OutboxKeysAsync(run);
        Assert.Equal(Users, keys.Count);
        var published = ReadTopic(await appHost.App.GetConnectionStringAsync("kafka") ?? throw new InvalidOperationException("kafka has no connection string"))
            .Where(keys.Contains).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Users, published.Count);
        Assert.All(published, p => Assert.True(p.Value == 1, $"{p.Key} was published {p.Value} times"));
    }

    private async Task<HashSet<string>> OutboxKeysAsync(string run)
    {
        await using var db = await PipelineDatabase.OpenAsync(appHost);
        await using var command = db.CreateCommand("SELECT message_key FROM ingest.outbox WHERE run_id = @run");
        command.Parameters.AddWithValue("run", Guid.Parse(run));
        var keys = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Every message key on users_created, from the beginning to the ends the partitions have now.</summary>
    private static List<string> ReadTopic(string bootstrapServers)
    {
        const string topic = "users_created";
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        // The embedded broker keeps about 5 MiB per partition: a partition may hold nothing any more (low = high).
        var marks = partitions.ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)));
        var ends = marks.ToDictionary(m => m.Key, m => m.Value.High.Value);
        var open = marks.Where(m => m.Value.High.Value > m.Value.Low.Value).Select(m => m.Key).ToHashSet();
        consumer.Assign(partitions.Where(p => open.Contains(p.Partition.Value)).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var keys = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { } message)
                continue;
            if (message.Message.Key is { } key)
                keys.Add(Encoding.UTF8.GetString(key));
            if (message.Offset.Value + 1 >= ends[message.Partition.Value])
                open.Remove(message.Partition.Value);
        }
        Assert.True(open.Count == 0, $"partitions {string.Join(", ", open)} not read to their end within 2 minutes");
        return keys;
    }
}
