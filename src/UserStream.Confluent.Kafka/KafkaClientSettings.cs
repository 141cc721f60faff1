using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

/// <summary>The client settings every UserStream producer and consumer starts from (configuration may override each one).</summary>
public static class KafkaClientSettings
{
    /// <summary>Idempotent producer, acks=all: a delivery report means every in-sync replica has the message, exactly once.</summary>
    public static ProducerConfig ProducerDefaults() => new()
    {
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        CompressionType = CompressionType.Lz4,
        MessageTimeoutMs = 30_000,
        SocketConnectionSetupTimeoutMs = 10_000,
    };

    /// <summary>A consumer that never commits on its own: the caller stores and commits offsets after its work is durable.</summary>
    public static ConsumerConfig ConsumerDefaults() => new()
    {
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnablePartitionEof = false,
        // An idle partition answers a fetch after at most this long: keeps ingest-to-store latency low.
        FetchWaitMaxMs = 50,
        SessionTimeoutMs = 10_000,
        // The embedded broker answers a group join in ~3 s; a short first rebalance delay helps neither side.
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
    };

    /// <summary><see cref="ProducerDefaults"/> for a given cluster and client id.</summary>
    public static ProducerConfig Producer(string bootstrapServers, string clientId)
    {
        var config = ProducerDefaults();
        config.BootstrapServers = bootstrapServers;
        config.ClientId = clientId;
        return config;
    }

    /// <summary><see cref="ConsumerDefaults"/> for a given cluster, consumer group and client id.</summary>
    public static ConsumerConfig Consumer(string bootstrapServers, string groupId, string clientId)
    {
        var config = ConsumerDefaults();
        config.BootstrapServers = bootstrapServers;
        config.GroupId = groupId;
        config.ClientId = clientId;
        return config;
    }
}
