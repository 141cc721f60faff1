using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Hosting.Kafka;

/// <summary>
/// Healthy when the brokers answer metadata and the pipeline's topics exist, so that the services, which wait for
/// Kafka to be healthy, never meet a topic made by auto-creation with the broker's default partitions. Topics that are
/// missing are created with their partitions and replication factor (<paramref name="createMissing"/>; the embedded
/// broker serves no CreateTopics and makes them itself at start). A topic that exists already is kept as it is, and
/// the check says so when its partitions differ from the configured count.
/// </summary>
/// <param name="bootstrapServers">Resolves host:port[,host:port]; it may fail while the address is not yet allocated.</param>
/// <param name="topics">The topics to have.</param>
/// <param name="createMissing">Whether to create missing topics with the admin API.</param>
public sealed class KafkaTopicsHealthCheck(
    Func<CancellationToken, ValueTask<string?>> bootstrapServers, IReadOnlyList<KafkaTopic> topics, bool createMissing) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string? servers;
        try
        {
            servers = await bootstrapServers(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return HealthCheckResult.Unhealthy($"the bootstrap address is not known yet: {e.Message}");
        }
        if (string.IsNullOrEmpty(servers))
            return HealthCheckResult.Unhealthy("the bootstrap address is not known yet");

        // A client per check: checks are seconds apart, and nothing is left running between them.
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers, ClientId = "userstream-apphost" })
            .SetLogHandler((_, _) => { }) // a broker not up yet is the check's answer, not a log line
            .Build();
        try
        {
            var metadata = await Task.Run(() => admin.GetMetadata(Timeout), cancellationToken);
            if (metadata.Brokers.Count == 0)
                return HealthCheckResult.Unhealthy($"{servers} answered metadata without brokers");
            var present = Partitions(metadata);
            var missing = topics.Where(t => !present.ContainsKey(t.Name)).ToList();
            if (missing.Count > 0)
            {
                if (!createMissing)
                    return HealthCheckResult.Unhealthy($"waiting for the broker to create {string.Join(", ", missing.Select(t => t.Name))}");
                if (await CreateAsync(admin, missing) is { } failed)
                    return failed;
                metadata = await Task.Run(() => admin.GetMetadata(Timeout), cancellationToken);
                present = Partitions(metadata);
                if (topics.FirstOrDefault(t => !present.ContainsKey(t.Name)) is { } absent)
                    return HealthCheckResult.Unhealthy($"created {absent.Name}, but the brokers do not list it yet");
            }
            var described = topics.Select(t => present[t.Name] == t.Partitions
                ? $"{t.Name}: {t.Partitions} partitions"
                : $"{t.Name}: {present[t.Name]} partitions (it existed already; Kafka:Partitions asks for {t.Partitions})");
            return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s); {string.Join("; ", described)}");
        }
        catch (KafkaException e)
        {
            return HealthCheckResult.Unhealthy($"{servers} did not answer metadata: {e.Error.Reason}");
        }
    }

    private static Dictionary<string, int> Partitions(Metadata metadata) =>
        metadata.Topics.Where(t => !t.Error.IsError).ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);

    /// <summary>Creates the topics; null when they exist now, else the broker's reasons.</summary>
    private static async Task<HealthCheckResult?> CreateAsync(IAdminClient admin, IReadOnlyList<KafkaTopic> missing)
    {
        try
        {
            await admin.CreateTopicsAsync(
                missing.Select(t => new TopicSpecification { Name = t.Name, NumPartitions = t.Partitions, ReplicationFactor = t.ReplicationFactor }),
                new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another AppHost or an earlier check made them meanwhile.
        }
        catch (CreateTopicsException e)
        {
            // An invalid replication factor (more than the brokers) or partition count stays unhealthy, with the broker's reason.
            return HealthCheckResult.Unhealthy("could not create " + string.Join("; ", e.Results.Where(r => r.Error.IsError)
                .Select(r => $"{r.Topic}: {r.Error.Reason}")));
        }
        return null;
    }
}
