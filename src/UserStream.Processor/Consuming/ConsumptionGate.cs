namespace UserStream.Processor.Consuming;

/// <summary>
/// The operator's switch of this replica's consumption (POST /consumption/pause and /resume). While paused, the
/// consumer loop stores nothing: it finishes the batch it is storing, pauses its partitions and keeps polling, so the
/// member stays in its group and the lag grows; resumed, it drains. Held in memory: a replica that starts again consumes.
/// </summary>
public sealed class ConsumptionGate(TimeProvider clock)
{
    private readonly object _lock = new();
    private DateTimeOffset? _pausedAt;

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

    /// <summary>Resumes; false when it was not paused.</summary>
    public bool Resume()
    {
        lock (_lock)
        {
            if (_pausedAt is null)
                return false;
            _pausedAt = null;
            return true;
        }
    }
}
