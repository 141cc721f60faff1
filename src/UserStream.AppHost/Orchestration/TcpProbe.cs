using System.Net.Sockets;

namespace UserStream.AppHost.Orchestration;

/// <summary>Ready when a TCP connection to host:port succeeds (Kafka and Cassandra listeners).</summary>
public sealed class TcpProbe(string host, int port) : IReadinessProbe
{
    public string Description => $"TCP {host}:{port}";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
    }
}
