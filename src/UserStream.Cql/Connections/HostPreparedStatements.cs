namespace UserStream.Cql.Connections;

/// <summary>
/// Which prepared statements one host is known to hold in its cache, so a statement is prepared there before
/// it is first sent there. Each statement is prepared once however many requests wait for it; a failed
/// preparation is forgotten, so the next request tries again.
/// </summary>
internal sealed class HostPreparedStatements
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PreparedStatement, Task> _known = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether the host holds the statement (or is being asked to prepare it).</summary>
    public bool Contains(PreparedStatement statement)
    {
        lock (_gate) return _known.TryGetValue(statement, out var task) && !task.IsFaulted && !task.IsCanceled;
    }

    /// <summary>Runs <paramref name="prepare"/> unless the host holds the statement or is already preparing it.</summary>
    public Task EnsureAsync(PreparedStatement statement, Func<Task> prepare)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_known.TryGetValue(statement, out var known) && !known.IsFaulted && !known.IsCanceled) return known;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _known[statement] = done.Task;
        }
        _ = RunAsync(statement, prepare, done);
        return done.Task;
    }

    /// <summary>Records that the host answered a PREPARE of the statement.</summary>
    public void Add(PreparedStatement statement)
    {
        lock (_gate) _known[statement] = Task.CompletedTask;
    }

    /// <summary>Forgets everything: the host may have restarted and lost its cache.</summary>
    public void Clear()
    {
        lock (_gate) _known.Clear();
    }

    private async Task RunAsync(PreparedStatement statement, Func<Task> prepare, TaskCompletionSource done)
    {
        try
        {
            await prepare().ConfigureAwait(false);
            done.TrySetResult();
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                if (_known.TryGetValue(statement, out var current) && current == done.Task) _known.Remove(statement);
            }
            done.TrySetException(ex);
        }
    }
}
