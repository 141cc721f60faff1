using Confluent.Kafka;
using UserStream.Contracts.Messages;

namespace UserStream.Benchmarks;

/// <summary>
/// How far the processors' consumer group has come on users_created, asked of the broker: the offsets the group has
/// committed and what is left behind them. The processor commits only after the store write, so a lag of 0 means every
/// published message is stored (or dead-lettered). This is the drain probe: it costs the broker a few small requests and
/// the user store nothing, where counting a phase's users in the store would scan the table every poll.
/// </summary>
public sealed class GroupProgress(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly IAdminClient _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
    private readonly IConsumer<Ignore, Ignore> _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = Topics.ProcessorGroup, // only to read the group's committed offsets: this client never subscribes
        EnableAutoCommit = false,
    }).Build();
    private List<TopicPartition>? _partitions;

    /// <summary>The group's committed offsets summed over the topic's partitions, and the messages after them.</summary>
    public Task<(long Committed, long Lag)> ReadAsync() => Task.Run(() =>
    {
        _partitions ??= Partitions();
        long committed = 0, lag = 0;
        foreach (var offset in _consumer.Committed(_partitions, Timeout))
        {
            var high = _consumer.QueryWatermarkOffsets(offset.TopicPartition, Timeout).High.Value;
            var at = Math.Max(0, offset.Offset.Value); // a partition the group never committed counts from 0
            committed += at;
            lag += Math.Max(0, high - at);
        }
        return (committed, lag);
    });

    /// <summary>Each partition's end of log now: where the next message published to users_created will be.</summary>
    public Task<IReadOnlyDictionary<int, long>> HighWatermarksAsync() => Task.Run(() =>
    {
        _partitions ??= Partitions();
        return (IReadOnlyDictionary<int, long>)_partitions.ToDictionary(p => p.Partition.Value, p => _consumer.QueryWatermarkOffsets(p, Timeout).High.Value);
    });

    private List<TopicPartition> Partitions() => _admin.GetMetadata(Topics.UsersCreated, Timeout).Topics.Single().Partitions
        .Select(p => new TopicPartition(Topics.UsersCreated, p.PartitionId)).ToList();

    public void Dispose()
    {
        _consumer.Dispose();
        _admin.Dispose();
    }
}
