using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;
using UserStream.Kafka.EmbeddedBroker;

namespace UserStream.AppHost.Infrastructure;

/// <summary>
/// Kafka without a container engine: librdkafka's in-memory Kafka-protocol broker, inside the AppHost
/// process (so it cannot be orphaned). Data lives only as long as the AppHost, ~5 MiB per partition.
/// </summary>
public sealed class EmbeddedKafkaInfrastructure : IRunningInfrastructure
{
    public const string UsersTopic = "users_created";
    public const string DeadLetterTopic = "users_created.dlq";

    private readonly EmbeddedKafkaBroker _broker;

    private EmbeddedKafkaInfrastructure(EmbeddedKafkaBroker broker)
    {
        _broker = broker;
        Connection = new ResourceConnection(broker.BootstrapServers, null);
        Endpoints = [broker.BootstrapServers];
        Probe = ExternalEndpoints.KafkaProbe(broker.BootstrapServers);
    }

    public ResourceConnection Connection { get; }
    public IReadOnlyList<string> Endpoints { get; }
    public IReadinessProbe Probe { get; }
    public int? Pid => Environment.ProcessId;

    public static IRunningInfrastructure Start(ResourceLog log)
    {
        var broker = EmbeddedKafkaBroker.Start();
        try
        {
            // Created up front with enough partitions: auto-created topics get 4, and each partition keeps only ~5 MiB.
            broker.CreateTopic(UsersTopic, EmbeddedKafkaBroker.DefaultPartitions);
            broker.CreateTopic(DeadLetterTopic, 4);
        }
        catch
        {
            broker.Dispose();
            throw;
        }
        log.Write($"embedded Kafka-protocol broker (librdkafka mock cluster, in memory) listening on {broker.BootstrapServers}");
        log.Write($"topics: {UsersTopic} ({EmbeddedKafkaBroker.DefaultPartitions} partitions), {DeadLetterTopic} (4 partitions)");
        return new EmbeddedKafkaInfrastructure(broker);
    }

    public string? GiveUpReason() => null;

    public ValueTask DisposeAsync()
    {
        _broker.Dispose();
        return ValueTask.CompletedTask;
    }
}
