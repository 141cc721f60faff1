namespace UserStream.Hosting.CrashRestart;

/// <summary>The crashes of one resource within the policy's window, and what to do about the next one.</summary>
public sealed class CrashHistory(CrashRestartPolicy policy)
{
    private readonly Queue<DateTimeOffset> _crashes = new();

    /// <summary>Records a crash at <paramref name="at"/>: the wait before restarting, or null when restarts must stop.</summary>
    public TimeSpan? RecordCrash(DateTimeOffset at)
    {
        while (_crashes.Count > 0 && at - _crashes.Peek() > policy.Window)
            _crashes.Dequeue();
        _crashes.Enqueue(at);
        if (_crashes.Count >= policy.MaxCrashes)
            return null;
        var doubled = policy.Backoff * Math.Pow(2, _crashes.Count - 1);
        return doubled < policy.MaxBackoff ? doubled : policy.MaxBackoff;
    }

    /// <summary>Crashes counted in the current window.</summary>
    public int CrashesInWindow => _crashes.Count;
}
