using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Hosting.Cassandra;

/// <summary>
/// Healthy when the node completes a CQL v4 handshake: STARTUP answered by READY (or AUTHENTICATE, which
/// means the node is up and asks for credentials). Written against the wire protocol so the AppHost loads no driver.
/// </summary>
/// <param name="endpoint">Resolves host and port; it may fail while the endpoint is not yet allocated.</param>
public sealed class CqlHandshakeHealthCheck(Func<CancellationToken, ValueTask<(string Host, int Port)>> endpoint) : IHealthCheck
{
    private const byte RequestVersion = 0x04;
    private const byte ResponseVersion = 0x84;
    private const byte Startup = 0x01;
    private const byte Ready = 0x02;
    private const byte Authenticate = 0x03;
    private const byte Error = 0x00;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        (string Host, int Port) target;
        try
        {
            target = await endpoint(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return HealthCheckResult.Unhealthy($"the endpoint is not known yet: {e.Message}");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var opcode = await HandshakeAsync(target.Host, target.Port, timeout.Token);
            return opcode switch
            {
                Ready => HealthCheckResult.Healthy("CQL handshake: READY"),
                Authenticate => HealthCheckResult.Healthy("CQL handshake: AUTHENTICATE (credentials required)"),
                Error => HealthCheckResult.Unhealthy("CQL handshake: the node answered STARTUP with an error"),
                _ => HealthCheckResult.Unhealthy($"CQL handshake: unexpected opcode 0x{opcode:x2}"),
            };
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidDataException)
        {
            return HealthCheckResult.Unhealthy($"{target.Host}:{target.Port} did not complete a CQL handshake: {e.Message}");
        }
    }

    private static async Task<byte> HandshakeAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(StartupFrame(), cancellationToken);

        var header = new byte[9];
        await stream.ReadExactlyAsync(header, cancellationToken);
        if (header[0] != ResponseVersion)
            throw new InvalidDataException($"not a CQL v4 response (version byte 0x{header[0]:x2})");
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
        if (length is < 0 or > 1024 * 1024)
            throw new InvalidDataException($"implausible body length {length}");
        await stream.ReadExactlyAsync(new byte[length], cancellationToken);
        return header[4];
    }

    // Header (version, flags, stream, opcode, length) and a string map body {CQL_VERSION: 3.0.0}.
    private static byte[] StartupFrame()
    {
        var key = Encoding.UTF8.GetBytes("CQL_VERSION");
        var value = Encoding.UTF8.GetBytes("3.0.0");
        var bodyLength = 2 + 2 + key.Length + 2 + value.Length;
        var frame = new byte[9 + bodyLength];
        var span = frame.AsSpan();
        span[0] = RequestVersion;
        span[4] = Startup;
        BinaryPrimitives.WriteInt32BigEndian(span[5..], bodyLength);
        BinaryPrimitives.WriteUInt16BigEndian(span[9..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[11..], (ushort)key.Length);
        key.CopyTo(span[13..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(13 + key.Length)..], (ushort)value.Length);
        value.CopyTo(span[(15 + key.Length)..]);
        return frame;
    }
}
