using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using UserStream.Cql;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Support;

/// <summary>A request frame as the peer received it.</summary>
internal sealed record PeerRequest(byte Version, short Stream, byte Opcode, byte[] Body)
{
    public const byte Startup = 0x01, Options = 0x05, Query = 0x07, Prepare = 0x09, Execute = 0x0A, Batch = 0x0D, AuthResponse = 0x0F;

    /// <summary>The CQL of a QUERY or PREPARE (the leading [long string]).</summary>
    public string? Text => Opcode is Query or Prepare
        ? Encoding.UTF8.GetString(Body, 4, BinaryPrimitives.ReadInt32BigEndian(Body))
        : null;

    /// <summary>The statement id of an EXECUTE (the leading [short bytes]).</summary>
    public byte[]? PreparedId => Opcode == Execute ? Body.AsSpan(2, BinaryPrimitives.ReadUInt16BigEndian(Body)).ToArray() : null;
}

/// <summary>One accepted connection of the peer.</summary>
internal sealed class PeerConnection(TcpClient client, int index)
{
    private readonly SemaphoreSlim _write = new(1, 1);

    public int Index => index;

    public async Task SendAsync(byte[] frame)
    {
        await _write.WaitAsync();
        try { await client.GetStream().WriteAsync(frame); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException) { /* the client went away */ }
        finally { _write.Release(); }
    }

    /// <summary>Closes the socket abruptly, as a crashed server would.</summary>
    public void Drop()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Dispose();
    }
}

/// <summary>
/// A tiny scripted CQL server on 127.0.0.1: a real TCP listener that answers request frames with pre-built
/// response frames. The script sees every request first; what it leaves unanswered gets the default
/// handshake (SUPPORTED, READY), USE (set_keyspace), or a server error naming the unscripted request.
/// </summary>
internal sealed class ScriptedCqlPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private int _connections;

    public ScriptedCqlPeer(Func<PeerRequest, PeerConnection, Task<bool>>? script = null, int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        Script = script ?? ((_, _) => Task.FromResult(false));
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>Answers a request and returns true, or returns false to fall back to the defaults.</summary>
    public Func<PeerRequest, PeerConnection, Task<bool>> Script { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ConnectionsAccepted => Volatile.Read(ref _connections);

    public ConcurrentQueue<PeerRequest> Requests { get; } = new();

    public Builder ClusterBuilder() => Cluster.Builder().AddContactPoint("127.0.0.1").WithPort(Port);

    /// <summary>Stops accepting, so new connections are refused (existing ones stay).</summary>
    public void StopListening() => _listener.Stop();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _clients) client.Dispose();
        try { await _acceptLoop; } catch (Exception) { /* stopping */ }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _clients.Add(client);
            var connection = new PeerConnection(client, Interlocked.Increment(ref _connections));
            _ = ServeAsync(client, connection);
        }
    }

    private async Task ServeAsync(TcpClient client, PeerConnection connection)
    {
        var stream = client.GetStream();
        var header = new byte[9];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(header, _stop.Token);
                var body = new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5))];
                await stream.ReadExactlyAsync(body, _stop.Token);
                var request = new PeerRequest(header[0], BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2)), header[4], body);
                Requests.Enqueue(request);
                if (await Script(request, connection)) continue;
                await connection.SendAsync(DefaultAnswer(request));
            }
        }
        catch (Exception)
        {
            // The client closed, the script dropped the connection, or the peer is stopping.
        }
    }

    private static byte[] DefaultAnswer(PeerRequest request) => request.Opcode switch
    {
        PeerRequest.Options => SpecFrames.SupportedFrame(request.Stream),
        PeerRequest.Startup => SpecFrames.ReadyFrame(request.Stream),
        PeerRequest.Query when request.Text!.StartsWith("USE ", StringComparison.Ordinal) =>
            SpecFrames.SetKeyspaceFrame(request.Stream, request.Text[4..].Trim('"')),
        _ => SpecFrames.ErrorFrame(request.Stream, 0x0000, $"unscripted request opcode 0x{request.Opcode:X2} {request.Text}"),
    };
}
