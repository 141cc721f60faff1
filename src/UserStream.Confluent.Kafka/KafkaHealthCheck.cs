using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Confluent.Kafka;

/// <summary>
/// Healthy when a broker of the client's cluster answers a metadata request within a few seconds.
/// Asks through an admin client of its own that shares only the connection settings (servers,
/// security, sockets) of the producer or consumer it watches.
/// </summary>
public sealed class KafkaHealthCheck : IHealthCheck, IDisposable
{
    private static readonly string[] ConnectionKeyPrefixes =
        ["bootstrap.servers", "client.id", "security.", "sasl.", "ssl.", "socket.", "broker.address.family", "client.dns.lookup"];

    private readonly AdminClientConfig _config;
    private readonly Lazy<IAdminClient> _admin;

    /// <summary>A check on the cluster that <paramref name="clientConfig"/> connects to.</summary>
    public KafkaHealthCheck(ClientConfig clientConfig)
    {
        _config = new AdminClientConfig(clientConfig
            .Where(kv => ConnectionKeyPrefixes.Any(prefix => kv.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(kv => kv.Key, kv => kv.Value))
        {
            SocketTimeoutMs = 5_000,
        };
        if (_config.ClientId is { } clientId)
            _config.ClientId = clientId + "-health";
        _admin = new Lazy<IAdminClient>(() => new AdminClientBuilder(_config).Build());
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // GetMetadata blocks for up to its timeout: not on the caller's thread.
        Task.Run(() =>
        {
            var servers = _config.BootstrapServers;
            try
            {
                var metadata = _admin.Value.GetMetadata(TimeSpan.FromSeconds(3));
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) at {servers}")
                    : HealthCheckResult.Unhealthy($"no broker answered at {servers}");
            }
            catch (KafkaException e)
            {
                return HealthCheckResult.Unhealthy($"Kafka at {servers} unreachable: {e.Error.Reason}", e);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_admin.IsValueCreated)
            _admin.Value.Dispose();
    }
}
