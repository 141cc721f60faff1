using System.Net;
using System.Net.Sockets;

namespace UserStream.EmbeddedKafka;

/// <summary>
/// Accepts connections on a fixed port and pipes each one to the broker's own (random) port. Only the
/// bootstrap connection goes through it: the broker's metadata names its real address, which clients use after.
/// </summary>
public sealed class BootstrapForwarder(IPEndPoint listenOn, string brokerHost, int brokerPort, ILogger logger) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(listenOn);
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts listening; fails when the port is taken.</summary>
    public void Start()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync(_stopping.Token);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var broker = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                broker.NoDelay = true;
                await broker.ConnectAsync(brokerHost, brokerPort, cancellationToken);
                await using var clientStream = client.GetStream();
                await using var brokerStream = broker.GetStream();
                // Either side closing ends the pair.
                await Task.WhenAny(
                    clientStream.CopyToAsync(brokerStream, cancellationToken),
                    brokerStream.CopyToAsync(clientStream, cancellationToken));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                logger.LogDebug("bootstrap connection ended: {Reason}", e.Message);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stopping.Dispose();
    }
}
