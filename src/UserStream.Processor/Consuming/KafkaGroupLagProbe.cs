using Confluent.Kafka;

namespace UserStream.Processor.Consuming;

/// <summary>One partition as GET /topics shows it: its watermarks, and the group's committed offset and lag where the group reads it.</summary>
public sealed record PartitionView(int Partition, long Low, long High, long? Committed, long? Lag);

/// <summary>A topic as GET /topics shows it: its partitions, the messages it holds (high minus low watermarks), the group's lag.</summary>
public sealed record TopicView(string Name, int Partitions, long Messages, long? Lag, IReadOnlyList<PartitionView> PartitionDetails);

/// <summary>
/// Measures a group's lag on one topic with clients of its own (an admin client for the partitions, a consumer that
/// never subscribes for committed offsets and watermarks), so it answers even when the group member's own
/// connections are stuck. Created on first use; one probe at a time.
/// </summary>
public sealed class KafkaGroupLagProbe : IGroupLagProbe, IDisposable
{
    private static readonly string[] ConnectionKeyPrefixes =
        ["bootstrap.servers", "security.", "sasl.", "ssl.", "socket.", "broker.address.family", "client.dns.lookup"];
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly string _topic;
    private readonly bool _uncommittedFromEnd;
    private readonly Lazy<IAdminClient> _admin;
    private readonly Lazy<IConsumer<Ignore, Ignore>> _consumer;

    public KafkaGroupLagProbe(ConsumerConfig memberConfig, string topic, ILogger<KafkaGroupLagProbe> logger)
    {
        _topic = topic;
        _uncommittedFromEnd = memberConfig.AutoOffsetReset == AutoOffsetReset.Latest;
        var connection = memberConfig
            .Where(kv => ConnectionKeyPrefixes.Any(prefix => kv.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        var clientId = (memberConfig.ClientId ?? "consumer") + "-lag";
        _admin = new Lazy<IAdminClient>(() => new AdminClientBuilder(new AdminClientConfig(connection) { ClientId = clientId })
            .SetLogHandler((_, m) => logger.LogDebug("{Client} {Facility}: {Message}", m.Name, m.Facility, m.Message))
            .Build());
        _consumer = new Lazy<IConsumer<Ignore, Ignore>>(() => new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig(connection)
            {
                ClientId = clientId,
                GroupId = memberConfig.GroupId,
                EnableAutoCommit = false,
            })
            .SetLogHandler((_, m) => logger.LogDebug("{Client} {Facility}: {Message}", m.Name, m.Facility, m.Message))
            .Build());
    }

    public Task<GroupLag> ProbeAsync(CancellationToken cancellationToken = default) => Task.Run(Probe, cancellationToken);

    /// <summary>The topic's partition count, as the brokers' metadata gives it.</summary>
    public Task<int> CountPartitionsAsync(CancellationToken cancellationToken = default) => Task.Run(() => Topic().Partitions.Count, cancellationToken);

    private TopicMetadata Topic()
    {
        var metadata = _admin.Value.GetMetadata(_topic, Timeout).Topics.FirstOrDefault(t => t.Topic == _topic);
        if (metadata is null || metadata.Error.IsError)
            throw new KafkaException(metadata?.Error ?? new Error(ErrorCode.UnknownTopicOrPart));
        return metadata;
    }

    private GroupLag Probe()
    {
        var metadata = Topic();
        var partitions = metadata.Partitions.Select(p => new TopicPartition(_topic, p.PartitionId)).ToList();
        long lag = 0, committedTotal = 0;
        foreach (var committed in _consumer.Value.Committed(partitions, Timeout))
        {
            var watermarks = _consumer.Value.QueryWatermarkOffsets(committed.TopicPartition, Timeout);
            var from = committed.Offset.Value >= 0 ? committed.Offset.Value : _uncommittedFromEnd ? watermarks.High.Value : watermarks.Low.Value;
            lag += Math.Max(0, watermarks.High.Value - from);
            committedTotal += Math.Max(0, committed.Offset.Value);
        }
        return new GroupLag(lag, committedTotal);
    }

    /// <summary>
    /// Each partition of <paramref name="topic"/> with its watermarks and, when <paramref name="withGroup"/>, the group's
    /// committed offset and lag (what GET /topics shows).
    /// </summary>
    public Task<TopicView> DescribeAsync(string topic, bool withGroup, CancellationToken cancellationToken = default) =>
        Task.Run(() => Describe(topic, withGroup), cancellationToken);

    /// <summary><see cref="DescribeAsync"/> on the caller's thread (the clients block).</summary>
    public TopicView Describe(string topic, bool withGroup)
    {
        var metadata = _admin.Value.GetMetadata(topic, Timeout).Topics.FirstOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError)
            throw new KafkaException(metadata?.Error ?? new Error(ErrorCode.UnknownTopicOrPart));
        var partitions = metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value).ToList();
        var committed = withGroup ? _consumer.Value.Committed(partitions, Timeout).ToDictionary(c => c.Partition.Value, c => c.Offset.Value) : null;
        var views = new List<PartitionView>();
        foreach (var partition in partitions)
        {
            var marks = _consumer.Value.QueryWatermarkOffsets(partition, Timeout);
            long? at = committed is null ? null : committed[partition.Partition.Value] is var c and >= 0 ? c : null;
            long? lag = committed is null ? null : Math.Max(0, marks.High.Value - (at ?? (_uncommittedFromEnd ? marks.High.Value : marks.Low.Value)));
            views.Add(new PartitionView(partition.Partition.Value, marks.Low.Value, marks.High.Value, at, lag));
        }
        return new TopicView(topic, views.Count, views.Sum(v => v.High - v.Low), withGroup ? views.Sum(v => v.Lag ?? 0) : null, views);
    }

    private int _disposed;

    /// <summary>Closes the clients; once only, though the container disposes it under both of its registrations.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (_consumer.IsValueCreated)
        {
            try { _consumer.Value.Close(); } catch (KafkaException) { }
            _consumer.Value.Dispose();
        }
        if (_admin.IsValueCreated)
            _admin.Value.Dispose();
    }
}
