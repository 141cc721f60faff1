using System.Text;
using Npgsql;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;
using UserStream.Testing;
using UserStream.UserStore.Postgres;

namespace UserStream.Processor.Tests;

/// <summary>The processor against a real PostgreSQL that refuses users, fails for a while, or loses its table.</summary>
public sealed class StoreFailureTests
{
    [Fact]
    public async Task A_user_the_store_rejects_is_dead_lettered_and_the_other_499_of_its_batch_are_stored()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        await CreateSchemaAsync(postgres);
        // Passes every check of the processor, refused by the database (SQLSTATE 23514).
        await UserRows.ExecuteAsync(postgres, "ALTER TABLE user_stream.created_users ADD CONSTRAINT last_name_not_mallory CHECK (last_name <> 'Mallory')");
        var topic = SharedInfrastructure.CreateTopic("rejected", 1);
        using var producer = new TestProducer();
        var messages = Enumerable.Range(0, 500).Select(_ => TestUsers.Message()).ToList();
        var mallory = messages[250] = TestUsers.Message(TestUsers.Record() with { Name = new("Mr", "Eve", "Mallory") });
        foreach (var message in messages)
            await producer.SendUserAsync(topic, message); // all there before the processor starts: one batch

        await using var processor = await ProcessorHost.StartAsync(postgres: postgres, topic: topic);
        await Eventually.ReturnsAsync(() => UserRows.CountAsync(postgres), n => n == 499, what: "499 users stored");
        var deadLetter = Assert.Single(TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, processor.DeadLetterTopic, 1, TimeSpan.FromSeconds(3)));
        Assert.Equal(DeadLetterReasons.StoreRejected, deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterReason));
        Assert.Contains("last_name_not_mallory", deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterDetail));
        Assert.Equal(mallory.User.Login!.Uuid, Encoding.UTF8.GetString(deadLetter.Message.Key!));
        var ids = await UserRows.IdsAsync(postgres);
        Assert.Equal(messages.Where(m => m != mallory).Select(m => Guid.Parse(m.User.Login!.Uuid!)).ToHashSet(), ids);
    }

    [Fact]
    public async Task Dead_letters_of_a_batch_are_published_once_while_its_store_write_is_retried_five_times()
    {
        var postgres = await SharedInfrastructure.CreateDatabaseAsync();
        await CreateSchemaAsync(postgres);
        // The first five writes fail as a server refusing connections would (57P03, transient); the sixth succeeds.
        await UserRows.ExecuteAsync(postgres, """
            CREATE SEQUENCE user_stream.write_attempts;
            CREATE FUNCTION user_stream.fail_five_times() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('user_stream.write_attempts') <= 5 THEN
                    RAISE EXCEPTION 'the store is down (test)' USING ERRCODE = '57P03';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER fail_five_times BEFORE INSERT ON user_stream.created_users
                FOR EACH STATEMENT EXECUTE FUNCTION user_stream.fail_five_times();
            """);
        var topic = SharedInfrastructure.CreateTopic("retried", 1);
        using var producer = new TestProducer();
        var users = new List<UserCreatedV1>();
        for (var bad = 0; bad < 3; bad++)
        {
            await producer.SendAsync(topic, $"bad-{bad}", Encoding.UTF8.GetBytes("{not json " + bad), MessageSchema.UserCreatedV1);
            for (var i = 0; i < 10; i++)
            {
                var user = TestUsers.Message();
                users.Add(user);
                await producer.SendUserAsync(topic, user);
            }
        }

        await using var processor = await ProcessorHost.StartAsync(postgres: postgres, topic: topic);
        await Eventually.ReturnsAsync(() => UserRows.CountAsync(postgres), n => n == users.Count, what: "every valid user stored");
        Assert.True((long)(await UserRows.ScalarAsync(postgres, "SELECT last_value FROM user_stream.write_attempts"))! >= 6,
            "the store write failed five times first");
        var deadLetters = TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, processor.DeadLetterTopic, 1, TimeSpan.FromSeconds(3));
        Assert.Equal(["bad-0", "bad-1", "bad-2"], deadLetters.Select(d => Encoding.UTF8.GetString(d.Message.Key!)).Order().ToList());
    }

    [Fact]
    public async Task A_user_table_lost_with_its_database_is_created_again_and_the_next_user_stored()
    {
        await using var processor = await ProcessorHost.StartAsync(partitions: 1);
        using var producer = new TestProducer();
        var first = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, first);
        await Eventually.ReturnsAsync(() => UserRows.ExistsAsync(processor.Postgres, Guid.Parse(first.User.Login!.Uuid!)), s => s, what: "first user");

        await UserRows.ExecuteAsync(processor.Postgres, "DROP SCHEMA user_stream CASCADE"); // as after a restore from an empty backup
        var second = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, second);
        await Eventually.ReturnsAsync(() => UserRows.ExistsAsync(processor.Postgres, Guid.Parse(second.User.Login!.Uuid!)), s => s,
            what: "the second user, in a table created again");
    }

    [Fact]
    public async Task A_dead_letter_the_broker_refuses_whole_is_published_truncated_and_the_partition_moves_on()
    {
        // The dead-letter producer may send at most 100,000 bytes a record: a 300 KB message cannot go to the DLQ whole.
        await using var processor = await ProcessorHost.StartAsync(partitions: 1, settings: new Dictionary<string, string?>
        {
            ["Aspire:Confluent:Kafka:Producer:Config:message.max.bytes"] = "100000",
            ["Aspire:Confluent:Kafka:Producer:Config:batch.size"] = "100000",
        });
        using var producer = new TestProducer();
        var huge = new byte[300 * 1024];
        new Random(300).NextBytes(huge);
        await producer.SendAsync(processor.Topic, "huge", huge, MessageSchema.UserCreatedV1);
        var after = TestUsers.Message();
        await producer.SendUserAsync(processor.Topic, after);

        await Eventually.ReturnsAsync(() => UserRows.ExistsAsync(processor.Postgres, Guid.Parse(after.User.Login!.Uuid!)), s => s,
            what: "the user after the huge message");
        var deadLetter = Assert.Single(TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, processor.DeadLetterTopic, 1, TimeSpan.FromSeconds(3)));
        var headers = deadLetter.Message.Headers;
        Assert.Equal(DeadLetterReasons.InvalidJson, headers.GetString(MessageHeaders.DeadLetterReason));
        Assert.Equal("true", headers.GetString(MessageHeaders.DeadLetterTruncated));
        var originalSize = long.Parse(headers.GetString(MessageHeaders.DeadLetterOriginalSize)!);
        Assert.InRange(originalSize, huge.Length + 4, huge.Length + 4 + 100); // value, key "huge", the schema header
        Assert.Equal(huge[..(64 * 1024)], deadLetter.Message.Value);
        Assert.Equal("huge", Encoding.UTF8.GetString(deadLetter.Message.Key!));
        Assert.Equal(MessageSchema.UserCreatedV1, headers.GetString(MessageHeaders.Schema));
    }

    private static async Task CreateSchemaAsync(string postgres)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await new PostgresUserStore(dataSource).EnsureSchemaAsync();
    }
}
