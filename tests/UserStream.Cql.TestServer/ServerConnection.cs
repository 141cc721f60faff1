using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using UserStream.Cql.TestServer.Protocol;

namespace UserStream.Cql.TestServer;

/// <summary>
/// One client connection: reads request frames, answers each, and writes responses through a
/// single writer so frames never interleave. Requests run in arrival order unless a response
/// delay is configured, in which case they complete independently (as on a real node).
/// </summary>
internal sealed class ServerConnection(Socket socket, CqlTestServer server)
{
    private Stream _stream = new NetworkStream(socket, ownsSocket: true);
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly RequestHandler _handler = new(server);

    public async Task RunAsync()
    {
        if (server.Options.Certificate is { } certificate)
        {
            // TLS only: a client that speaks plain text (or distrusts the certificate) fails the handshake and is dropped.
            var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = server.Options.ClientCertificateIssuer is not null,
                    RemoteCertificateValidationCallback = (_, client, _, _) =>
                        server.Options.ClientCertificateIssuer is not { } issuer || IsIssuedBy(client as X509Certificate2, issuer),
                }, _closed.Token);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException)
            {
                await tls.DisposeAsync();
                Close();
                return;
            }
            _stream = tls;
        }
        var writer = WriteLoopAsync();
        try
        {
            while (!_closed.IsCancellationRequested)
            {
                var frame = await FrameCodec.ReadAsync(_stream, _closed.Token);
                if (frame is null) break;
                if (frame.Version != Frame.ServedVersion)
                {
                    // Answer in the client's own version so it can read the refusal, then hang up.
                    Send(frame, Opcode.Error, ErrorEncoder.Encode(CqlServerError.ProtocolError(
                        $"Invalid or unsupported protocol version ({frame.Version}); this server supports only 4/v4")).WrittenSpan);
                    break;
                }
                _ = HandleAsync(frame);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // The peer went away or the test dropped us; nothing to answer.
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await writer;
            Close();
        }
    }

    private static bool IsIssuedBy(X509Certificate2? certificate, X509Certificate2 issuer)
    {
        if (certificate is null)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuer);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>Closes the socket at once, as a crashed or restarted node would.</summary>
    public void Close()
    {
        _closed.Cancel();
        _outgoing.Writer.TryComplete();
        socket.Close();
    }

    private async Task HandleAsync(Frame frame)
    {
        try
        {
            var isData = frame.Opcode is Opcode.Query or Opcode.Prepare or Opcode.Execute or Opcode.Batch;
            if (isData && server.Faults.ResponseDelay > TimeSpan.Zero) await Task.Delay(server.Faults.ResponseDelay, _closed.Token);
            if (isData && server.Faults.TakeFailure() is { } injected)
            {
                server.Count(frame.Opcode);
                Send(frame, Opcode.Error, ErrorEncoder.Encode(injected).WrittenSpan);
                return;
            }
            if ((frame.Flags & Frame.FlagCompression) != 0)
                throw new ProtocolViolationException("compressed frames were not negotiated");
            var (opcode, body) = _handler.Handle(frame);
            Send(frame, opcode, body.WrittenSpan);
        }
        catch (OperationCanceledException)
        {
        }
        catch (CqlRequestException e)
        {
            Send(frame, Opcode.Error, ErrorEncoder.Encode(e.Error).WrittenSpan);
        }
        catch (ProtocolViolationException e)
        {
            Send(frame, Opcode.Error, ErrorEncoder.Encode(CqlServerError.ProtocolError(e.Message)).WrittenSpan);
        }
        catch (Exception e)
        {
            Send(frame, Opcode.Error, ErrorEncoder.Encode(CqlServerError.ServerError($"test server failure: {e.Message}")).WrittenSpan);
        }
    }

    private void Send(Frame request, Opcode opcode, ReadOnlySpan<byte> body) =>
        _outgoing.Writer.TryWrite(FrameCodec.EncodeResponse(request.Version, request.Stream, opcode, body));

    private async Task WriteLoopAsync()
    {
        var batch = new MemoryStream();
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync())
            {
                // Coalesce whatever is queued into one write: far fewer syscalls under load.
                batch.SetLength(0);
                while (batch.Length < 256 * 1024 && _outgoing.Reader.TryRead(out var frame)) batch.Write(frame);
                await _stream.WriteAsync(batch.GetBuffer().AsMemory(0, (int)batch.Length));
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close();
        }
    }
}
