namespace UserStream.Cql.TestServer;

/// <summary>
/// Faults a test can switch on. They apply to data requests (QUERY, PREPARE, EXECUTE, BATCH) only,
/// so clients can still connect. Dropping connections and forgetting prepared statements are on
/// <see cref="CqlTestServer"/> itself.
/// </summary>
public sealed class CqlTestServerFaults
{
    private readonly Lock _sync = new();
    private int _failuresLeft;
    private CqlServerError? _failure;

    /// <summary>How long to wait before answering each data request; zero (the default) for no delay.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Answers the next <paramref name="count"/> data requests with <paramref name="error"/> instead of running them.</summary>
    public void FailNextRequests(int count, CqlServerError error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_sync)
        {
            _failuresLeft = count;
            _failure = error;
        }
    }

    /// <summary>How many injected failures are still to be served.</summary>
    public int PendingFailures
    {
        get
        {
            lock (_sync) return _failuresLeft;
        }
    }

    /// <summary>Switches every fault off.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _failuresLeft = 0;
            _failure = null;
        }
        ResponseDelay = TimeSpan.Zero;
    }

    internal CqlServerError? TakeFailure()
    {
        lock (_sync)
        {
            if (_failuresLeft == 0 || _failure is null) return null;
            _failuresLeft--;
            return _failure;
        }
    }
}
