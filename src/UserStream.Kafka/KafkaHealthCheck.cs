using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Kafka;

/// <summary>Healthy when the cluster answers a metadata request within a few seconds.</summary>
public sealed class KafkaHealthCheck(string bootstrapServers) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, SocketTimeoutMs = 5_000 }).Build());

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            try
            {
                var metadata = _admin.Value.GetMetadata(TimeSpan.FromSeconds(3));
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {bootstrapServers}")
                    : HealthCheckResult.Unhealthy($"no broker answered at {bootstrapServers}");
            }
            catch (KafkaException e)
            {
                return HealthCheckResult.Unhealthy($"Kafka at {bootstrapServers} unreachable: {e.Error.Reason}", e);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_admin.IsValueCreated)
            _admin.Value.Dispose();
    }
}
