using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Contracts;
using UserStream.Contracts.Messages;
using UserStream.Ingestor;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Kafka;
using UserStream.Kafka.EmbeddedBroker;
using UserStream.Tests.Infrastructure;

namespace UserStream.Tests.Ingestor;

/// <summary>The outbox relay against a real PostgreSQL and the embedded Kafka broker over TCP.</summary>
public sealed class OutboxRelayTests : LedgerDatabaseTests
{
    private const int Partitions = 4;

    [Fact]
    public async Task Relay_publishes_outbox_rows_keyed_by_user_id_with_schema_and_trace_headers()
    {
        var topic = SharedInfrastructure.CreateTopic("relay", Partitions);
        var (run, messages, traceId) = await RecordRunAsync(25);
        using var producer = Producer(SharedInfrastructure.KafkaBootstrapServers);

        var published = await Relay(producer, topic).PublishBatchAsync(CancellationToken.None);

        Assert.Equal(25, published);
        var read = TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, topic, Partitions, 25);
        Assert.Equal(messages.Select(m => m.Key).Order(), read.Select(r => Encoding.UTF8.GetString(r.Message.Key!)).Order());
        foreach (var result in read)
        {
            Assert.Equal(MessageSchema.UserCreatedV1, result.Message.Headers.GetString(MessageHeaders.Schema));
            Assert.Equal(MessageSchema.JsonContentType, result.Message.Headers.GetString(MessageHeaders.ContentType));
            var traceParent = result.Message.Headers.GetString(MessageHeaders.TraceParent);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceParent);
            Assert.Equal(traceId, traceParent![3..35]);
            var value = JsonSerializer.Deserialize<UserCreatedV1>(result.Message.Value, ContractJson.Options)!;
            Assert.Equal(run.Id, value.RunId);
            Assert.Equal(Encoding.UTF8.GetString(result.Message.Key!), value.User.Login!.Uuid);
        }

        var after = await Ledger.GetAsync(run.Id, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, after!.Status);
        Assert.Equal(25, after.Published);
        Assert.NotNull(after.FinishedAt);
    }

    [Fact]
    public async Task Relay_does_nothing_when_the_outbox_is_empty()
    {
        var topic = SharedInfrastructure.CreateTopic("relay-empty", Partitions);
        using var producer = Producer(SharedInfrastructure.KafkaBootstrapServers);
        Assert.Equal(0, await Relay(producer, topic).PublishBatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Relay_interrupted_mid_batch_by_a_broker_outage_loses_nothing()
    {
        // An outage needs a broker of its own: taking the shared one down would break other tests.
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = "users-" + Guid.NewGuid().ToString("N");
        broker.CreateTopic(topic, Partitions);
        var (run, messages, _) = await RecordRunAsync(40);

        broker.SetBrokerDown();
        using (var producer = Producer(broker.BootstrapServers, messageTimeoutMs: 3_000))
        using (var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Relay(producer, topic, deliveryTimeout: TimeSpan.FromSeconds(5)).PublishBatchAsync(interrupt.Token));
        }

        var during = await Ledger.GetAsync(run.Id, CancellationToken.None);
        Assert.Equal(0, during!.Published);
        Assert.Equal(RunStatus.Publishing, during.Status);

        broker.SetBrokerUp();
        using (var producer = Producer(broker.BootstrapServers))
        {
            var published = await Relay(producer, topic).PublishBatchAsync(CancellationToken.None);
            Assert.Equal(40, published);
        }

        var keys = TopicReader.Read(broker.BootstrapServers, topic, Partitions, 40)
            .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();
        Assert.Equal(messages.Select(m => m.Key).ToHashSet(), keys);
        var after = await Ledger.GetAsync(run.Id, CancellationToken.None);
        Assert.Equal(40, after!.Published);
        Assert.Equal(RunStatus.Completed, after.Status);
    }

    [Fact]
    public async Task Two_relays_never_publish_the_same_row_twice()
    {
        var topic = SharedInfrastructure.CreateTopic("relay-pair", Partitions);
        var (run, _, _) = await RecordRunAsync(300);
        using var producer = Producer(SharedInfrastructure.KafkaBootstrapServers);
        var options = new OutboxRelayOptions { BatchSize = 50 };

        async Task<int> DrainAsync()
        {
            var relay = Relay(producer, topic, options: options);
            var total = 0;
            int n;
            while ((n = await relay.PublishBatchAsync(CancellationToken.None)) > 0)
                total += n;
            return total;
        }

        var counts = await Task.WhenAll(DrainAsync(), DrainAsync());
        Assert.Equal(300, counts.Sum());
        Assert.Equal(300, TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, topic, Partitions, 301, TimeSpan.FromSeconds(5)).Count);
        Assert.Equal(300, (await Ledger.GetAsync(run.Id, CancellationToken.None))!.Published);
    }

    private async Task<(IngestionRun Run, List<OutboxMessage> Messages, string TraceId)> RecordRunAsync(int count)
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, count, "seed", CancellationToken.None);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var traceParent = $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01";
        var messages = Enumerable.Range(0, count).Select(_ =>
        {
            var message = TestUsers.Message(runId: run.Id);
            return new OutboxMessage(message.User.Login!.Uuid!, TestUsers.Json(message), traceParent, null);
        }).ToList();
        await Ledger.RecordFetchAsync(run.Id, count, 0, new Dictionary<string, int>(), messages, CancellationToken.None);
        return (run, messages, traceId);
    }

    private OutboxRelay Relay(IProducer<string, byte[]> producer, string topic, TimeSpan? deliveryTimeout = null, OutboxRelayOptions? options = null)
    {
        var relayOptions = options ?? new OutboxRelayOptions();
        if (deliveryTimeout is { } timeout)
            relayOptions.DeliveryTimeout = timeout;
        var readiness = new LedgerReadiness();
        readiness.MarkReady();
        return new OutboxRelay(Db, producer, new OutboxSignal(), readiness, new IngestorMetrics(),
            Options.Create(relayOptions), Options.Create(new IngestionOptions { Topic = topic }), NullLogger<OutboxRelay>.Instance);
    }

    private static IProducer<string, byte[]> Producer(string bootstrapServers, int? messageTimeoutMs = null)
    {
        var config = KafkaClientSettings.Producer(bootstrapServers, "relay-test");
        if (messageTimeoutMs is { } timeout)
            config.MessageTimeoutMs = timeout;
        return new ProducerBuilder<string, byte[]>(config).Build();
    }
}
