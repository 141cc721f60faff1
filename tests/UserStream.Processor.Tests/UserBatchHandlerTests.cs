using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;
using UserStream.Processor.Consuming;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>The batch handler with a store that fails as told, and dead letters on the shared broker.</summary>
public sealed class UserBatchHandlerTests : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer = new ProducerBuilder<byte[]?, byte[]?>(
        KafkaClientSettings.Producer(SharedInfrastructure.KafkaBootstrapServers, "handler-test")).Build();
    private readonly string _deadLetterTopic = SharedInfrastructure.CreateTopic("handler-dlq", 1);
    private readonly PartitionOwnership _ownership = new();
    private readonly TopicPartition _partition = new("users", 0);

    [Fact]
    public async Task A_user_the_store_rejects_is_isolated_by_bisecting_and_dead_lettered_and_the_other_499_stored()
    {
        var users = Enumerable.Range(0, 500).Select(_ => TestUsers.Message()).ToList();
        var bad = Guid.Parse(users[317].User.Login!.Uuid!);
        var store = new FakeUserStore(batch => batch.Any(u => u.Id == bad) ? new PostgresException("check violation", "ERROR", "ERROR", "23514") : null);
        var handler = Handler(store, out var metrics);
        var batch = handler.Prepare(Consumed(users.Select(Valid)));

        await handler.StoreAsync(batch, CancellationToken.None);

        Assert.Equal(499, store.Stored.Count);
        Assert.DoesNotContain(store.Stored, u => u.Id == bad);
        Assert.InRange(store.Writes, 3, 2 * 10 + 1); // split in halves down to one user: about two writes a level
        var deadLetter = Assert.Single(ReadDeadLetters());
        Assert.Equal(DeadLetterReasons.StoreRejected, deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterReason));
        Assert.Contains("check violation", deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterDetail));
        Assert.Equal("users/0@317", deadLetter.Message.Headers.GetString(MessageHeaders.DeadLetterSource));
        Assert.All(batch.Messages, m => Assert.NotEqual(MessageOutcome.Pending, m.Outcome));
        metrics.Dispose();
    }

    [Fact]
    public async Task A_retried_batch_publishes_each_dead_letter_once_and_counts_it_once()
    {
        var failures = 0;
        var store = new FakeUserStore(_ => ++failures <= 5 ? new NpgsqlException("Failed to connect", new IOException("refused")) : null);
        using var counted = new ScopedMeasurements("userstream.processor.dead_lettered");
        var handler = Handler(store, out var metrics, counted.MeterFactory);
        var records = new List<Message<byte[]?, byte[]?>> { Valid(TestUsers.Message()), Garbage("a"), Valid(TestUsers.Message()), Garbage("b") };
        var batch = handler.Prepare(Consumed(records));

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler.StoreAsync(batch, CancellationToken.None);
                break;
            }
            catch (NpgsqlException) when (attempt <= 5)
            {
            }
        }

        Assert.Equal(2, store.Stored.Count);
        Assert.Equal(["a", "b"], ReadDeadLetters().Select(d => Encoding.UTF8.GetString(d.Message.Key!)).Order().ToList());
        Assert.Equal(2, counted.Measurements.Sum(m => m.Value));
        metrics.Dispose();
    }

    [Fact]
    public async Task Messages_of_a_partition_revoked_before_the_store_write_are_neither_stored_nor_dead_lettered()
    {
        var store = new FakeUserStore(_ => null);
        var handler = Handler(store, out var metrics);
        var batch = handler.Prepare(Consumed([Valid(TestUsers.Message()), Garbage("revoked")]));
        _ownership.Revoked([_partition]);

        await handler.StoreAsync(batch, CancellationToken.None);

        Assert.Empty(store.Stored);
        Assert.Empty(ReadDeadLetters());
        Assert.All(batch.Messages, m => Assert.Equal(MessageOutcome.Abandoned, m.Outcome));
        metrics.Dispose();
    }

    [Fact]
    public void Preparing_never_throws_and_an_unforeseen_failure_is_a_dead_letter_with_the_exception_message()
    {
        var handler = Handler(new FakeUserStore(_ => null), out var metrics);
        // A result whose Message is missing makes every read of it throw: nothing a broker delivers, but nothing may escape.
        _ownership.Assigned([_partition]);
        var broken = new ConsumedMessage(new ConsumeResult<byte[]?, byte[]?> { Topic = "users", Partition = 0, Offset = 0, Message = null! }, _ownership.EpochOf(_partition)!.Value);

        var batch = handler.Prepare([broken]);

        var message = Assert.Single(batch.Messages);
        Assert.Equal(DeadLetterReasons.Unprocessable, message.Problem!.Reason);
        Assert.False(string.IsNullOrWhiteSpace(message.Problem.Detail));
        metrics.Dispose();
    }

    private UserBatchHandler Handler(FakeUserStore store, out ProcessorMetrics metrics, System.Diagnostics.Metrics.IMeterFactory? meters = null)
    {
        metrics = new ProcessorMetrics(meters);
        return new UserBatchHandler(store, new DeadLetterPublisher(_producer, _deadLetterTopic, NullLogger<DeadLetterPublisher>.Instance),
            _ownership, metrics, TimeProvider.System, NullLogger<UserBatchHandler>.Instance);
    }

    private List<ConsumedMessage> Consumed(IEnumerable<Message<byte[]?, byte[]?>> messages)
    {
        _ownership.Assigned([_partition]);
        var epoch = _ownership.EpochOf(_partition)!.Value;
        return messages.Select((m, i) => new ConsumedMessage(
            new ConsumeResult<byte[]?, byte[]?> { Topic = _partition.Topic, Partition = _partition.Partition, Offset = i, Message = m }, epoch)).ToList();
    }

    private static Message<byte[]?, byte[]?> Valid(UserCreatedV1 message) => new()
    {
        Key = Encoding.UTF8.GetBytes(message.User.Login!.Uuid!),
        Value = TestUsers.Json(message),
        Headers = new Headers().AddString(MessageHeaders.Schema, MessageSchema.UserCreatedV1),
    };

    private static Message<byte[]?, byte[]?> Garbage(string key) => new()
    {
        Key = Encoding.UTF8.GetBytes(key),
        Value = "{garbage"u8.ToArray(),
        Headers = new Headers().AddString(MessageHeaders.Schema, MessageSchema.UserCreatedV1),
    };

    private List<ConsumeResult<byte[]?, byte[]?>> ReadDeadLetters() =>
        TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, _deadLetterTopic, 1, TimeSpan.FromSeconds(2));

    public void Dispose() => _producer.Dispose();
}
