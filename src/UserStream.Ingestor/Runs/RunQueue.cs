using System.Threading.Channels;

namespace UserStream.Ingestor.Runs;

/// <summary>Accepted runs waiting for the run worker. Runs are in the ledger before they are queued, so a restart loses none.</summary>
public sealed class RunQueue
{
    private readonly Channel<RunRequest> _channel = Channel.CreateUnbounded<RunRequest>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(RunRequest request)
    {
        if (!_channel.Writer.TryWrite(request))
            throw new InvalidOperationException("the run queue is closed");
    }

    public IAsyncEnumerable<RunRequest> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
