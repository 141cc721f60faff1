using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Npgsql;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>The processor against the embedded broker over TCP and a real PostgreSQL user store.</summary>
public sealed class ProcessorPipelineTests
{
    [Fact]
    public async Task Valid_messages_become_stored_users()
    {
        await using var processor = await ProcessorHost.StartAsync();
        using var producer = new TestProducer();
        var messages = Enumerable.Range(0, 30).Select(_ => TestUsers.Message()).ToList();
        foreach (var message in messages)
            await producer.SendUserAsync(processor.Topic, message);

        foreach (var message in messages)
        {
            var id = Guid.Parse(message.User.Login!.Uuid!);
            var stored = await Eventually.ReturnsAsync(() => processor.Store.GetByIdAsync(id), u => u is not null, what: $"user {id}");
            Assert.Equal(message.User.Email!.ToLowerInvariant(), stored!.Email);
            Assert.Equal(message.RunId, stored.RunId);
        }
    }

    [Fact]
    public async Task Credentials_in_messages_of_an_older_producer_reach_no_span_of_the_processor()
    {
        // Before the ingestor cut messages to the stored fields, v1 messages carried the source's login in full.
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Enqueue(string.Join(' ', [a.DisplayName, .. a.TagObjects.Select(t => $"{t.Key}={t.Value}"),
                .. a.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}"))])),
        };
        ActivitySource.AddActivityListener(listener);
        await using var processor = await ProcessorHost.StartAsync();
        using var producer = new TestProducer();
        var messages = Enumerable.Range(0, 10).Select(i =>
        {
            var record = TestUsers.Record();
            return TestUsers.Message(record with { Login = record.Login! with { Password = $"{secret}-password-{i}", Salt = $"{secret}-salt", Sha256 = $"{secret}-sha256" } });
        }).ToList();
        foreach (var message in messages)
            await producer.SendUserAsync(processor.Topic, message);

        foreach (var message in messages)
            await Eventually.ReturnsAsync(() => processor.Store.GetByIdAsync(Guid.Parse(message.User.Login!.Uuid!)), u => u is not null, what: "stored");
        Assert.Contains(spans, s => s.Contains("messaging.batch.message_count", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Same_user_delivered_twice_is_one_row()
    {
        await using var processor = await ProcessorHost.StartAsync();
        using var producer = new TestProducer();
        var message = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, message);
        await producer.SendUserAsync(processor.Topic, message with { RunId = Guid.NewGuid() });
        var marker = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, marker); // same partition order is not guaranteed: wait for all

        await Eventually.ReturnsAsync(() => CountUsersAsync(processor.Postgres), n => n == 2, what: "2 rows");
        await Task.Delay(500);
        Assert.Equal(2, await CountUsersAsync(processor.Postgres));
    }

    public static TheoryData<string, string?, string, string?> BadMessages => new()
    {
        // reason, key, value, schema header
        { DeadLetterReasons.InvalidJson, "k1", "{this is not json", MessageSchema.UserCreatedV1 },
        { DeadLetterReasons.MissingSchema, "k2", "{}", null },
        { DeadLetterReasons.UnknownSchema, "k3", "{}", "order-placed/v1" },
        { DeadLetterReasons.UnsupportedSchemaVersion, "k4", "{}", "user-created/v2" },
        { DeadLetterReasons.MissingFields, "k5", """{"runId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","ingestedAt":"2026-01-01T00:00:00Z","user":{"name":{"first":"A"}}}""", MessageSchema.UserCreatedV1 },
    };

    [Theory, MemberData(nameof(BadMessages))]
    public async Task Bad_message_goes_to_the_dead_letter_topic_with_its_bytes_and_reason_and_the_partition_moves_on(
        string reason, string? key, string value, string? schema)
    {
        await using var processor = await ProcessorHost.StartAsync(partitions: 1);
        using var producer = new TestProducer();
        var bytes = Encoding.UTF8.GetBytes(value);
        await producer.SendAsync(processor.Topic, key, bytes, schema);
        var after = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, after);

        var deadLetter = Assert.Single(TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, processor.DeadLetterTopic, 1, 1));
        Assert.Equal(bytes, deadLetter.Message.Value);
        Assert.Equal(key, Encoding.UTF8.GetString(deadLetter.Message.Key!));
        Assert.Equal(reason, deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterReason));
        Assert.False(string.IsNullOrWhiteSpace(deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterDetail)));
        Assert.StartsWith($"{processor.Topic}/0@", deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterSource));
        Assert.Equal(schema, deadLetter.Message.Headers.GetString(MessageHeaders.Schema));

        var id = Guid.Parse(after.User.Login!.Uuid!);
        await Eventually.ReturnsAsync(() => processor.Store.GetByIdAsync(id), u => u is not null, what: "the message after the bad one");
        await Eventually.ReturnsAsync(() => Task.FromResult(CommittedOffset(processor, 0)), o => o == 2, what: "offset 2 committed");
    }

    [Fact]
    public async Task Offsets_are_committed_only_after_the_store_write_succeeded()
    {
        await using var processor = await ProcessorHost.StartAsync(partitions: 1);
        using var producer = new TestProducer();
        var first = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, first);
        await Eventually.ReturnsAsync(() => Task.FromResult(CommittedOffset(processor, 0)), o => o == 1, what: "first offset committed");

        // Break the store: every write now fails as a server refusing connections would (57P03, transient) until the
        // trigger is gone. (Renaming the table away no longer breaks it: a missing table is created again.)
        await ExecuteAsync(processor.Postgres, """
            CREATE FUNCTION user_stream.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the store is down (test)' USING ERRCODE = '57P03'; END $$;
            CREATE TRIGGER refuse BEFORE INSERT ON user_stream.created_users FOR EACH STATEMENT EXECUTE FUNCTION user_stream.refuse();
            """);
        var second = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, second);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, CommittedOffset(processor, 0));

        await ExecuteAsync(processor.Postgres, "DROP TRIGGER refuse ON user_stream.created_users");
        var id = Guid.Parse(second.User.Login!.Uuid!);
        await Eventually.ReturnsAsync(() => processor.Store.GetByIdAsync(id), u => u is not null, what: "second user after the store came back");
        await Eventually.ReturnsAsync(() => Task.FromResult(CommittedOffset(processor, 0)), o => o == 2, what: "second offset committed");
    }

    [Fact]
    public async Task A_restarted_processor_continues_from_the_committed_offset()
    {
        var topic = SharedInfrastructure.CreateTopic("users-restart", 1);
        var group = "processor-" + Guid.NewGuid().ToString("N");
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        using var producer = new TestProducer();

        await using (var processor = await ProcessorHost.StartAsync(postgres: postgres, topic: topic, groupId: group))
        {
            await producer.SendUserAsync(topic, TestUsers.Message());
            await Eventually.ReturnsAsync(() => CountUsersAsync(postgres), n => n == 1, what: "first user");
        }

        var later = TestUsers.Message();
        await producer.SendUserAsync(topic, later);
        await using (var processor = await ProcessorHost.StartAsync(postgres: postgres, topic: topic, groupId: group))
        {
            await Eventually.ReturnsAsync(() => CountUsersAsync(postgres), n => n == 2, what: "second user after restart");
            // Committed just after the write, not with it: the offset may lag the row by a moment.
            await Eventually.ReturnsAsync(() => Task.FromResult(CommittedOffsetOf(group, topic, 0)), o => o == 2, what: "second offset committed");
        }
    }

    private static long CommittedOffset(ProcessorHost processor, int partition) => CommittedOffsetOf(processor.GroupId, processor.Topic, partition);

    private static long CommittedOffsetOf(string group, string topic, int partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = SharedInfrastructure.KafkaBootstrapServers,
            GroupId = group,
        }).Build();
        var committed = consumer.Committed([new TopicPartition(topic, partition)], TimeSpan.FromSeconds(10));
        return committed[0].Offset.Value;
    }

    private static async Task<long> CountUsersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM user_stream.created_users", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
