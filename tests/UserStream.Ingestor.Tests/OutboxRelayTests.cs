using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Contracts;
using UserStream.Contracts.Messages;
using UserStream.Ingestor;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Confluent.Kafka;
using UserStream.EmbeddedKafka;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

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

    [Fact]
    public async Task The_relays_lanes_publish_runs_whose_rows_interleave_exactly_once_without_a_failure()
    {
        // Four runs written page by page in turn, so that every small batch holds rows of two runs and the lanes' batches
        // share runs: each lane then updates the same run rows as another, which must wait, not deadlock.
        var topic = SharedInfrastructure.CreateTopic("relay-lanes", Partitions);
        var runs = new List<IngestionRun>();
        for (var r = 0; r < 4; r++)
        {
            var run = await Ledger.CreateAsync(RunTrigger.Api, 60, "seed", CancellationToken.None);
            await Ledger.MarkFetchingAsync(run.Id, CancellationToken.None);
            runs.Add(run);
        }
        for (var page = 1; page <= 6; page++)
            foreach (var run in runs)
            {
                var messages = Enumerable.Range(0, 10).Select(_ =>
                {
                    var message = TestUsers.Message(runId: run.Id);
                    return new OutboxMessage(message.User.Login!.Uuid!, TestUsers.Json(message), null, null);
                }).ToList();
                Assert.Equal(PageWrite.Written, await Ledger.RecordPageAsync(run.Id, new RunPage(page, 10, 0, new Dictionary<string, int>(), messages), CancellationToken.None));
            }
        foreach (var run in runs)
            await Ledger.FinishFetchingAsync(run.Id, CancellationToken.None);

        using var producer = Producer(SharedInfrastructure.KafkaBootstrapServers);
        var logs = new CollectingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var relay = Relay(producer, topic, options: new OutboxRelayOptions { BatchSize = 7, Lanes = 4 }, logger: loggers.CreateLogger<OutboxRelay>());
        await relay.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.ReturnsAsync(async () =>
            {
                var completed = 0;
                foreach (var run in runs)
                    if ((await Ledger.GetAsync(run.Id, CancellationToken.None))!.Status == RunStatus.Completed)
                        completed++;
                return completed;
            }, completed => completed == runs.Count, TimeSpan.FromSeconds(60), "all four runs completed");
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }

        foreach (var run in runs)
            Assert.Equal(60, (await Ledger.GetAsync(run.Id, CancellationToken.None))!.Published);
        Assert.Equal(240, TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, topic, Partitions, 241, TimeSpan.FromSeconds(5)).Count);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_row_over_the_producers_maximum_is_marked_failed_the_run_completes_with_publishFailed_and_the_rows_behind_it_are_published()
    {
        var topic = SharedInfrastructure.CreateTopic("relay-too-large", Partitions);
        // Row 4 of 10 is 1.2 MB: over librdkafka's default message.max.bytes (1,000,000), so Produce refuses it at once.
        var (run, messages, _) = await RecordRunAsync(10, oversized: 3, oversizedBytes: 1_200_000);
        using var producer = Producer(SharedInfrastructure.KafkaBootstrapServers);
        var relay = Relay(producer, topic);

        Assert.Equal(10, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None)); // the failed row is not claimed again

        var after = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Completed, after.Status);
        Assert.Equal(9, after.Published);
        Assert.Equal(1, after.PublishFailed);
        Assert.Equal(new Dictionary<string, int> { ["MsgSizeTooLarge"] = 1 }, after.PublishFailedReasons);
        Assert.NotNull(after.FinishedAt);

        var failed = Assert.Single(await FailedRowsAsync(run.Id));
        Assert.Equal(messages[3].Key, failed.Key);
        Assert.StartsWith("MsgSizeTooLarge: ", failed.Error);
        var expected = messages.Where((_, i) => i != 3).Select(m => m.Key).ToHashSet();
        var keys = TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, topic, Partitions, 9)
            .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task A_run_still_fetching_when_its_row_fails_is_completed_with_publishFailed_by_the_end_of_its_fetch()
    {
        var topic = SharedInfrastructure.CreateTopic("relay-too-large-fetching", Partitions);
        var (run, _, _) = await RecordRunAsync(5, oversized: 0, oversizedBytes: 1_200_000, finishFetching: false);
        using var producer = Producer(SharedInfrastructure.KafkaBootstrapServers);

        Assert.Equal(5, await Relay(producer, topic).PublishBatchAsync(CancellationToken.None));
        Assert.Equal(RunStatus.Fetching, (await Ledger.GetAsync(run.Id, CancellationToken.None))!.Status);

        Assert.Equal(RunStatus.Completed, await Ledger.FinishFetchingAsync(run.Id, CancellationToken.None));
        var after = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((4, 1), (after.Published, after.PublishFailed));
    }

    [Fact]
    public async Task A_row_the_broker_refuses_in_its_delivery_report_is_marked_failed_and_the_relay_goes_on()
    {
        // Staged refusals need a broker of their own: the shared one serves other tests' produce requests.
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = "refused-" + Guid.NewGuid().ToString("N");
        broker.CreateTopic(topic, Partitions);
        using var producer = Producer(broker.BootstrapServers);
        var relay = Relay(producer, topic, options: new OutboxRelayOptions { BatchSize = 1 });
        var (run, messages, _) = await RecordRunAsync(3);

        broker.FailNextProduceRequests(10 /* MESSAGE_TOO_LARGE */);
        Assert.Equal(1, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(1, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(1, await relay.PublishBatchAsync(CancellationToken.None));

        var after = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((2, 1, RunStatus.Completed), (after.Published, after.PublishFailed, after.Status));
        var failed = Assert.Single(await FailedRowsAsync(run.Id));
        Assert.Equal(messages[0].Key, failed.Key);
        Assert.StartsWith("MsgSizeTooLarge: ", failed.Error);
        var keys = TopicReader.Read(broker.BootstrapServers, topic, Partitions, 2).Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();
        Assert.Equal(messages.Skip(1).Select(m => m.Key).ToHashSet(), keys);
    }

    [Fact]
    public async Task Rows_that_only_shared_a_batch_the_broker_refused_as_too_large_are_sent_again_alone_and_published()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = "refused-batch-" + Guid.NewGuid().ToString("N");
        broker.CreateTopic(topic, 1); // one partition and a long linger: all eight rows travel in the one produce request that is refused
        using var producer = Producer(broker.BootstrapServers, lingerMs: 500);
        var (run, messages, _) = await RecordRunAsync(8);

        broker.FailNextProduceRequests(10 /* MESSAGE_TOO_LARGE */);
        Assert.Equal(8, await Relay(producer, topic).PublishBatchAsync(CancellationToken.None));

        var after = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((8, 0, RunStatus.Completed), (after.Published, after.PublishFailed, after.Status));
        Assert.Empty(await FailedRowsAsync(run.Id));
        var keys = TopicReader.Read(broker.BootstrapServers, topic, 1, 8).Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToHashSet();
        Assert.Equal(messages.Select(m => m.Key).ToHashSet(), keys);
    }

    [Fact]
    public async Task A_transient_broker_refusal_leaves_the_rows_in_the_outbox_for_the_next_attempt()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        var topic = "transient-" + Guid.NewGuid().ToString("N");
        broker.CreateTopic(topic, 1); // one partition and a long linger: the four rows travel in one produce request, the one refused
        // No retries inside the client, so the broker's answer reaches the relay as it is.
        using var producer = Producer(broker.BootstrapServers, messageTimeoutMs: 3_000, retries: 0, lingerMs: 500);
        var (run, messages, _) = await RecordRunAsync(4);

        broker.FailNextProduceRequests(7 /* REQUEST_TIMED_OUT */);
        await Assert.ThrowsAsync<KafkaException>(() => Relay(producer, topic).PublishBatchAsync(CancellationToken.None));
        var during = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((0, 0), (during.Published, during.PublishFailed));

        Assert.Equal(4, await Relay(producer, topic).PublishBatchAsync(CancellationToken.None));
        var after = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal((4, 0, RunStatus.Completed), (after.Published, after.PublishFailed, after.Status));
        Assert.Empty(await FailedRowsAsync(run.Id));
    }

    private async Task<List<(string Key, string Error)>> FailedRowsAsync(Guid runId)
    {
        await using var command = Db.CreateCommand("SELECT message_key, error FROM ingest.outbox WHERE run_id = @run AND failed_at IS NOT NULL");
        command.Parameters.AddWithValue("run", runId);
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private async Task<(IngestionRun Run, List<OutboxMessage> Messages, string TraceId)> RecordRunAsync(
        int count, int? oversized = null, int oversizedBytes = 0, bool finishFetching = true)
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, count, "seed", CancellationToken.None);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var traceParent = $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01";
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var message = TestUsers.Message(runId: run.Id);
            var payload = i == oversized ? new byte[oversizedBytes] : TestUsers.Json(message); // the relay sends bytes as they are
            return new OutboxMessage(message.User.Login!.Uuid!, payload, traceParent, null);
        }).ToList();
        await Ledger.MarkFetchingAsync(run.Id, CancellationToken.None);
        Assert.Equal(PageWrite.Written, await Ledger.RecordPageAsync(run.Id, new RunPage(1, count, 0, new Dictionary<string, int>(), messages), CancellationToken.None));
        if (finishFetching)
            await Ledger.FinishFetchingAsync(run.Id, CancellationToken.None);
        return (run, messages, traceId);
    }

    private OutboxRelay Relay(IProducer<string, byte[]> producer, string topic, TimeSpan? deliveryTimeout = null, OutboxRelayOptions? options = null,
        ILogger<OutboxRelay>? logger = null)
    {
        var relayOptions = options ?? new OutboxRelayOptions();
        if (deliveryTimeout is { } timeout)
            relayOptions.DeliveryTimeout = timeout;
        var readiness = new LedgerReadiness();
        readiness.MarkReady();
        return new OutboxRelay(Db, Ledger, producer, new OutboxSignal(), readiness, Retry(readiness: readiness), new IngestorMetrics(),
            Options.Create(relayOptions), Options.Create(new IngestionOptions { Topic = topic }),
            logger ?? NullLogger<OutboxRelay>.Instance);
    }

    private static IProducer<string, byte[]> Producer(string bootstrapServers, int? messageTimeoutMs = null, int? retries = null, int? lingerMs = null)
    {
        var config = KafkaClientSettings.Producer(bootstrapServers, "relay-test");
        // The default 5 ms linger can split rows produced back to back into several requests on a busy machine.
        if (lingerMs is { } linger)
            config.LingerMs = linger;
        if (messageTimeoutMs is { } timeout)
            config.MessageTimeoutMs = timeout;
        if (retries is { } count)
        {
            config.EnableIdempotence = false; // the idempotent producer insists on retries
            config.MessageSendMaxRetries = count;
        }
        return new ProducerBuilder<string, byte[]>(config).Build();
    }
}
