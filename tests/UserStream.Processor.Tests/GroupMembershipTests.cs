using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Testing;
using UserStream.Confluent.Kafka;

namespace UserStream.Processor.Tests;

/// <summary>
/// Processor processes in a consumer group through faults staged with signals: a store frozen for longer than
/// max.poll.interval.ms, and one of two replicas killed mid-stream. Every user is stored exactly once.
/// </summary>
public sealed class GroupMembershipTests
{
    private const string AssignedLine = "partition(s) as member";

    [Fact]
    public async Task A_store_frozen_longer_than_the_max_poll_interval_keeps_the_processor_in_its_group_and_loses_nothing()
    {
        // A PostgreSQL of this test's own, so freezing it stops no other test.
        await using var server = await LocalPostgresServer.StartAsync();
        var postgres = server.ConnectionString();
        var topic = SharedInfrastructure.CreateTopic("frozen-store", 4);
        await using var processor = await ProcessorProcess.StartAsync(postgres, topic, SharedInfrastructure.CreateTopic("frozen-store-dlq", 1),
            "frozen-store-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string>
            {
                ["Aspire__Confluent__Kafka__Consumer__Config__max.poll.interval.ms"] = "30000",
            });
        using var producer = new BulkProducer();
        var before = producer.Send(topic, 400);
        await Eventually.ReturnsAsync(() => UserRows.CountAsync(postgres), n => n == before.Count, what: "the users sent before the freeze");

        var frozen = FreezeAll(server);
        HashSet<Guid> during;
        try
        {
            during = producer.Send(topic, 400);
            await Task.Delay(TimeSpan.FromSeconds(40)); // the outage itself: longer than max.poll.interval.ms
        }
        finally
        {
            foreach (var pid in frozen)
                LinuxProcesses.Signal(pid, "CONT");
        }

        var expected = before.Concat(during).ToHashSet();
        var stored = await Eventually.ReturnsAsync(() => UserRows.IdsAsync(postgres), ids => ids.Count >= expected.Count,
            TimeSpan.FromSeconds(120), "every user after the store came back");
        Assert.Equal(expected, stored);
        var output = processor.Output;
        Assert.Single(output.Split('\n'), line => line.Contains(AssignedLine, StringComparison.Ordinal));
        Assert.DoesNotContain("Revoked", output);
        Assert.DoesNotContain("Lost ", output);
        Assert.DoesNotContain("maximum poll interval", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("partition(s) paused, polling on to stay in the group", output);
        Assert.False(processor.HasExited);
    }

    [Fact]
    public async Task Of_two_replicas_one_killed_mid_stream_every_user_is_stored_exactly_once()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("replicas", 8);
        var deadLetters = SharedInfrastructure.CreateTopic("replicas-dlq", 1);
        var group = "replicas-" + Guid.NewGuid().ToString("N");
        await using var first = await ProcessorProcess.StartAsync(postgres, topic, deadLetters, group);
        await using var second = await ProcessorProcess.StartAsync(postgres, topic, deadLetters, group);
        await Eventually.ReturnsAsync(() => Task.FromResult(first.Output.Contains(AssignedLine) && second.Output.Contains(AssignedLine)), both => both,
            what: "both replicas with partitions");

        using var producer = new BulkProducer();
        var expected = new HashSet<Guid>();
        for (var round = 0; round < 10; round++)
        {
            expected.UnionWith(producer.Send(topic, 300));
            if (round == 4)
            {
                await Eventually.ReturnsAsync(() => UserRows.CountAsync(postgres), n => n >= 600, what: "users stored by both replicas");
                first.Signal("KILL");
            }
            await Task.Delay(100); // a stream, not one burst
        }

        var stored = await Eventually.ReturnsAsync(() => UserRows.IdsAsync(postgres), ids => ids.Count >= expected.Count,
            TimeSpan.FromSeconds(120), "every user, the killed replica's partitions taken over");
        Assert.Equal(expected, stored);
        Assert.Empty(TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, deadLetters, 1, TimeSpan.FromSeconds(1)));
        Assert.False(second.HasExited);
    }

    [Fact]
    public async Task Four_processors_on_a_two_partition_topic_warn_naming_both_numbers_and_still_store_every_user()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("too-few", 2);
        var deadLetters = SharedInfrastructure.CreateTopic("too-few-dlq", 1);
        var group = "too-few-" + Guid.NewGuid().ToString("N");
        var replicas = new Dictionary<string, string> { ["Processor__Replicas"] = "4" };
        var processors = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ProcessorProcess.StartAsync(postgres, topic, deadLetters, group, replicas)));
        try
        {
            const string warning = "has 2 partition(s) for 4 processor replicas: 2 replica(s) get no partition and sit idle";
            foreach (var processor in processors)
            {
                await Eventually.ReturnsAsync(() => Task.FromResult(processor.Output), output => output.Contains(warning, StringComparison.Ordinal),
                    what: "the warning in every processor's log");
                var partitions = await Eventually.ReturnsAsync(() => PartitionsCheckAsync(processor), c => c.GetProperty("status").GetString() == "Degraded",
                    what: "a degraded partitions check in every processor's /health");
                Assert.Contains(warning, partitions.GetProperty("description").GetString(), StringComparison.Ordinal);
            }

            using var producer = new BulkProducer();
            var expected = producer.Send(topic, 300);
            var stored = await Eventually.ReturnsAsync(() => UserRows.IdsAsync(postgres), ids => ids.Count >= expected.Count,
                TimeSpan.FromSeconds(120), "every user, by the replicas that own a partition");
            Assert.Equal(expected, stored);
        }
        finally
        {
            foreach (var processor in processors)
                await processor.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_processor_with_a_partition_for_each_replica_reports_the_partitions_healthy()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("enough", 2);
        await using var processor = await ProcessorProcess.StartAsync(postgres, topic, SharedInfrastructure.CreateTopic("enough-dlq", 1),
            "enough-" + Guid.NewGuid().ToString("N"), new Dictionary<string, string> { ["Processor__Replicas"] = "2" });

        var partitions = await Eventually.ReturnsAsync(() => PartitionsCheckAsync(processor), c => c.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object,
            what: "the partition count read");
        Assert.Equal("Healthy", partitions.GetProperty("status").GetString());
        Assert.Equal(2, partitions.GetProperty("data").GetProperty("partitions").GetInt32());
        Assert.Equal(2, partitions.GetProperty("data").GetProperty("replicas").GetInt32());
        Assert.Contains($"{topic} has 2 partition(s) for 2 processor replica(s)", processor.Output, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PartitionsCheckAsync(ServiceProcess processor)
    {
        using var client = processor.CreateClient();
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("checks").GetProperty("partitions");
    }

    /// <summary>SIGSTOP to the postmaster first (so it starts no new backend), then to every backend still there.</summary>
    private static List<int> FreezeAll(LocalPostgresServer server)
    {
        var postmaster = server.ProcessId ?? throw new InvalidOperationException("the test's PostgreSQL is not running");
        LinuxProcesses.Signal(postmaster, "STOP");
        var frozen = new List<int> { postmaster };
        foreach (var backend in LinuxProcesses.Descendants(postmaster))
            if (LinuxProcesses.TrySignal(backend, "STOP")) // one that ended after the listing is not there to freeze
                frozen.Add(backend);
        return frozen;
    }

    /// <summary>Sends valid users fast (no await per message), one flush per call.</summary>
    private sealed class BulkProducer : IDisposable
    {
        private readonly IProducer<byte[]?, byte[]?> _producer = new ProducerBuilder<byte[]?, byte[]?>(
            KafkaClientSettings.Producer(SharedInfrastructure.KafkaBootstrapServers, "bulk-test-producer")).Build();

        public HashSet<Guid> Send(string topic, int count)
        {
            var ids = new HashSet<Guid>();
            var failures = 0;
            for (var i = 0; i < count; i++)
            {
                var message = TestUsers.Message();
                ids.Add(Guid.Parse(message.User.Login!.Uuid!));
                _producer.Produce(topic, new Message<byte[]?, byte[]?>
                {
                    Key = Encoding.UTF8.GetBytes(message.User.Login.Uuid!),
                    Value = TestUsers.Json(message),
                    Headers = new Headers().AddString(MessageHeaders.Schema, MessageSchema.UserCreatedV1),
                }, report => { if (report.Error.IsError) Interlocked.Increment(ref failures); });
            }
            _producer.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(0, failures);
            return ids;
        }

        public void Dispose() => _producer.Dispose();
    }
}
