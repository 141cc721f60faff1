using Confluent.Kafka;

namespace UserStream.Processor.Consuming;

/// <summary>
/// The processor's <see cref="IConsumer{TKey,TValue}"/>: every call goes to the current Kafka consumer, and
/// <see cref="Rejoin"/> swaps that for a new one (new broker connections, new group member) subscribed to the same
/// topics. A group member wedged on a coordinator connection that never answers (see <see cref="ConsumerStallDetector"/>)
/// cannot be unwedged by unsubscribing and subscribing again: those requests queue on the same connection.
/// Like the consumer itself it is used from the consumer loop's thread only.
/// </summary>
public sealed class RejoinableConsumer<TKey, TValue>(Func<IConsumer<TKey, TValue>> create, ILogger logger) : IConsumer<TKey, TValue>
{
    /// <summary>How long disposing waits for replaced consumers to finish closing.</summary>
    private static readonly TimeSpan RetireWait = TimeSpan.FromSeconds(5);

    private volatile IConsumer<TKey, TValue> _current = create();
    private readonly List<Task> _retiring = [];

    /// <summary>
    /// Whether <paramref name="consumer"/> (the one a rebalance handler was called for) is the one in use, rather than a
    /// replaced one still closing on another thread, whose revocations concern partitions it no longer holds for us.
    /// </summary>
    public bool IsCurrent(IConsumer<TKey, TValue> consumer) => ReferenceEquals(consumer, _current);

    /// <summary>How many times the consumer was replaced.</summary>
    public int Rejoins { get; private set; }

    /// <summary>
    /// Replaces the consumer with a new one subscribed to the same topics. The old one is closed on another thread
    /// (its LeaveGroup may never be answered either) and disposed; it commits nothing, so its partitions' uncommitted
    /// messages are delivered again to whichever member gets them (the store's upsert makes that harmless).
    /// </summary>
    public void Rejoin()
    {
        var old = _current;
        var topics = old.Subscription.ToList();
        _current = create();
        if (topics.Count > 0)
            _current.Subscribe(topics);
        Rejoins++;
        _retiring.RemoveAll(t => t.IsCompleted);
        _retiring.Add(Task.Run(() =>
        {
            try { old.Close(); }
            catch (Exception e) when (e is KafkaException or ObjectDisposedException or InvalidOperationException)
            {
                logger.LogDebug("Closing the replaced consumer: {Reason}", e.Message);
            }
            finally { old.Dispose(); }
        }));
    }

    public Handle Handle => _current.Handle;
    public string Name => _current.Name;
    public int AddBrokers(string brokers) => _current.AddBrokers(brokers);
    public void SetSaslCredentials(string username, string password) => _current.SetSaslCredentials(username, password);

    public string MemberId => _current.MemberId;
    public List<TopicPartition> Assignment => _current.Assignment;
    public List<string> Subscription => _current.Subscription;
    public IConsumerGroupMetadata ConsumerGroupMetadata => _current.ConsumerGroupMetadata;

    public ConsumeResult<TKey, TValue> Consume(int millisecondsTimeout) => _current.Consume(millisecondsTimeout);
    public ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default) => _current.Consume(cancellationToken);
    public ConsumeResult<TKey, TValue> Consume(TimeSpan timeout) => _current.Consume(timeout);

    public void Subscribe(IEnumerable<string> topics) => _current.Subscribe(topics);
    public void Subscribe(string topic) => _current.Subscribe(topic);
    public void Unsubscribe() => _current.Unsubscribe();

    public void Assign(TopicPartition partition) => _current.Assign(partition);
    public void Assign(TopicPartitionOffset partition) => _current.Assign(partition);
    public void Assign(IEnumerable<TopicPartitionOffset> partitions) => _current.Assign(partitions);
    public void Assign(IEnumerable<TopicPartition> partitions) => _current.Assign(partitions);
    public void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions) => _current.IncrementalAssign(partitions);
    public void IncrementalAssign(IEnumerable<TopicPartition> partitions) => _current.IncrementalAssign(partitions);
    public void IncrementalUnassign(IEnumerable<TopicPartition> partitions) => _current.IncrementalUnassign(partitions);
    public void Unassign() => _current.Unassign();

    public void StoreOffset(ConsumeResult<TKey, TValue> result) => _current.StoreOffset(result);
    public void StoreOffset(TopicPartitionOffset offset) => _current.StoreOffset(offset);
    public List<TopicPartitionOffset> Commit() => _current.Commit();
    public void Commit(IEnumerable<TopicPartitionOffset> offsets) => _current.Commit(offsets);
    public void Commit(ConsumeResult<TKey, TValue> result) => _current.Commit(result);
    public List<TopicPartitionOffset> Committed(TimeSpan timeout) => _current.Committed(timeout);
    public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout) => _current.Committed(partitions, timeout);

    public void Seek(TopicPartitionOffset tpo) => _current.Seek(tpo);
    public void Pause(IEnumerable<TopicPartition> partitions) => _current.Pause(partitions);
    public void Resume(IEnumerable<TopicPartition> partitions) => _current.Resume(partitions);
    public Offset Position(TopicPartition partition) => _current.Position(partition);
    public List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestampsToSearch, TimeSpan timeout) =>
        _current.OffsetsForTimes(timestampsToSearch, timeout);
    public WatermarkOffsets GetWatermarkOffsets(TopicPartition topicPartition) => _current.GetWatermarkOffsets(topicPartition);
    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition topicPartition, TimeSpan timeout) => _current.QueryWatermarkOffsets(topicPartition, timeout);

    public void Close() => _current.Close();

    public void Dispose()
    {
        _current.Dispose();
        Task.WaitAll([.. _retiring], RetireWait);
    }
}
