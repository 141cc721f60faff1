namespace UserStream.Processor.Consuming;

/// <summary>
/// The operator's switch of this replica's consumption (POST /consumption/pause and /resume). Once paused, the
/// consumer loop stops collecting, finishes the batch in hand, pauses its partitions and keeps polling, so the member
/// stays in its group and the lag grows (<see cref="IsHolding"/> from then on); resumed, it drains. Held in memory: a
/// replica that starts again consumes.
/// </summary>
public sealed class ConsumptionGate(TimeProvider clock)
{
    private readonly object _lock = new();
    private DateTimeOffset? _pausedAt;
    private TaskCompletionSource _holding = NewSignal();

    public bool IsPaused
    {
        get { lock (_lock) return _pausedAt is not null; }
    }

    /// <summary>Since when consumption is paused; null while it runs.</summary>
    public DateTimeOffset? PausedAt
    {
        get { lock (_lock) return _pausedAt; }
    }

    /// <summary>Pauses; false when it was paused already.</summary>
    public bool Pause()
    {
        lock (_lock)
        {
            if (_pausedAt is not null)
                return false;
            _pausedAt = clock.GetUtcNow();
            return true;
        }
    }

    /// <summary>Whether the consumer loop has stopped: its batch in hand stored, its partitions paused.</summary>
    public bool IsHolding
    {
        get { lock (_lock) return _holding.Task.IsCompleted; }
    }

    /// <summary>The consumer loop has stopped for the pause (called by the loop).</summary>
    public void MarkHolding()
    {
        lock (_lock) _holding.TrySetResult();
    }

    /// <summary>
    /// Waits until the consumer loop has stopped for the pause, at most <paramref name="timeout"/> (the batch in hand
    /// may wait on a store that is down); true when it has.
    /// </summary>
    public async Task<bool> WaitHoldingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task holding;
        lock (_lock) holding = _holding.Task;
        try
        {
            await holding.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Resumes; false when it was not paused.</summary>
    public bool Resume()
    {
        lock (_lock)
        {
            if (_pausedAt is null)
                return false;
            _pausedAt = null;
            _holding = NewSignal();
            return true;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
