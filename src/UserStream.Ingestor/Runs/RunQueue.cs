using System.Collections.Concurrent;
using System.Threading.Channels;

namespace UserStream.Ingestor.Runs;

/// <summary>
/// Runs this process has taken on: waiting for the run worker or being executed. Runs are in the ledger, claimed by
/// this process, before they are queued, so a restart loses none. <see cref="Held"/> is what the sweep renews the
/// leases of; a run that leaves it (done, or given up) is no longer renewed, so if it is still unfinished in the
/// ledger its lease runs out and a sweep takes it up again. How many runs can wait is bounded in the ledger
/// (<see cref="IngestionOptions.MaxQueuedRuns"/>), not here.
/// </summary>
public sealed class RunQueue
{
    private readonly Channel<RunRequest> _channel = Channel.CreateUnbounded<RunRequest>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<Guid, byte> _held = new();

    /// <summary>Queues a run unless this process holds it already (queued or running); returns whether it was queued.</summary>
    public bool Enqueue(RunRequest request)
    {
        if (!_held.TryAdd(request.Run.Id, 0))
            return false;
        if (_channel.Writer.TryWrite(request))
            return true;
        _held.TryRemove(request.Run.Id, out _);
        throw new InvalidOperationException("the run queue is closed");
    }

    /// <summary>The run's execution ended (whatever its outcome): this process no longer holds it.</summary>
    public void Release(Guid runId) => _held.TryRemove(runId, out _);

    /// <summary>Ids of the runs this process holds (queued or running).</summary>
    public IReadOnlyCollection<Guid> Held => [.. _held.Keys];

    public IAsyncEnumerable<RunRequest> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
