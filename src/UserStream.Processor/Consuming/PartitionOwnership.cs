using Confluent.Kafka;

namespace UserStream.Processor.Consuming;

/// <summary>
/// Which partitions this consumer owns right now, each with the epoch (a number that grows with every
/// assignment) it was assigned in. A message remembers the epoch it was consumed in; it may be stored,
/// dead-lettered or committed only while its partition is still owned in that same epoch, so nothing is
/// committed for a partition after it moved, even if it has come back since. Updated by the rebalance
/// handlers (on the consumer's thread), read by the store task (on the pool): hence the lock.
/// </summary>
public sealed class PartitionOwnership
{
    private readonly object _gate = new();
    private readonly Dictionary<TopicPartition, long> _epochs = [];
    private long _lastEpoch;

    /// <summary>Partitions newly assigned (all of them with an eager assignor, the added ones with cooperative-sticky).</summary>
    public void Assigned(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            var epoch = ++_lastEpoch;
            foreach (var partition in partitions)
                _epochs[partition] = epoch;
        }
    }

    /// <summary>Partitions revoked or lost: their uncommitted messages belong to their next owner.</summary>
    public void Revoked(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
                _epochs.Remove(partition);
        }
    }

    /// <summary>The epoch <paramref name="partition"/> is owned in; null when it is not owned.</summary>
    public long? EpochOf(TopicPartition partition)
    {
        lock (_gate)
            return _epochs.TryGetValue(partition, out var epoch) ? epoch : null;
    }

    /// <summary>Whether <paramref name="partition"/> is still owned in <paramref name="epoch"/>.</summary>
    public bool IsCurrent(TopicPartition partition, long epoch)
    {
        lock (_gate)
            return _epochs.TryGetValue(partition, out var current) && current == epoch;
    }

    /// <summary>The partitions owned now.</summary>
    public IReadOnlyList<TopicPartition> Owned
    {
        get
        {
            lock (_gate)
                return [.. _epochs.Keys];
        }
    }
}
