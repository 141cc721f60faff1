using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Hosting.Kafka;

/// <summary>
/// Healthy when a broker at the bootstrap address answers a Metadata request (Kafka protocol, v0) naming at
/// least one broker. Written against the wire protocol so the AppHost loads no Kafka client library.
/// </summary>
/// <param name="bootstrapServers">Resolves host:port[,host:port]; it may fail while the address is not yet allocated.</param>
public sealed class KafkaMetadataHealthCheck(Func<CancellationToken, ValueTask<string?>> bootstrapServers) : IHealthCheck
{
    private const short MetadataApiKey = 3;
    private const int CorrelationId = 0x5553;

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
        var first = servers.Split(',')[0].Trim();
        var colon = first.LastIndexOf(':');
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var brokers = await CountBrokersAsync(first[..colon], int.Parse(first[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
            return brokers > 0
                ? HealthCheckResult.Healthy($"{first} answered metadata: {brokers} broker(s)")
                : HealthCheckResult.Unhealthy($"{first} answered metadata without brokers");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidDataException)
        {
            return HealthCheckResult.Unhealthy($"{first} did not answer metadata: {e.Message}");
        }
    }

    private static async Task<int> CountBrokersAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(MetadataRequest(), cancellationToken);

        var size = new byte[4];
        await stream.ReadExactlyAsync(size, cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(size);
        if (length is < 8 or > 16 * 1024 * 1024)
            throw new InvalidDataException($"implausible response size {length}");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        if (BinaryPrimitives.ReadInt32BigEndian(body) != CorrelationId)
            throw new InvalidDataException("the response answers another request");
        return BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4)); // the broker array's length
    }

    // size, api key, api version 0, correlation id, client id, topics = [] (all topics).
    private static byte[] MetadataRequest()
    {
        var clientId = Encoding.ASCII.GetBytes("userstream-apphost");
        var request = new byte[4 + 2 + 2 + 4 + 2 + clientId.Length + 4];
        var span = request.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, request.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(span[4..], MetadataApiKey);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], CorrelationId);
        BinaryPrimitives.WriteInt16BigEndian(span[12..], (short)clientId.Length);
        clientId.CopyTo(span[14..]);
        BinaryPrimitives.WriteInt32BigEndian(span[(14 + clientId.Length)..], 0);
        return request;
    }
}
