namespace UserStream.Cql.Connections;

/// <summary>
/// A session's few connections to one host: the least busy one serves each request; another opens when all
/// are above the load threshold (up to the maximum); closed ones are dropped and replaced on demand.
/// </summary>
internal sealed class HostConnectionPool(Host host, ConnectionSettings settings, PoolingOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private volatile CqlConnection[] _connections = [];
    private volatile bool _disposed;

    public Host Host => host;

    public int OpenConnections => _connections.Count(c => !c.IsClosed);

    /// <summary>The session's prepared statements this host is known to hold.</summary>
    public HostPreparedStatements Prepared { get; } = new();

    /// <summary>Opens the core connections.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        while (OpenConnections < options.CoreConnectionsPerHost)
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<CqlConnection> AcquireAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (TryPick() is { } ready) return ready;

        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have opened one while this one waited.
            return TryPick() ?? await OpenLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _openLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var connection in _connections) await connection.DisposeAsync().ConfigureAwait(false);
        _connections = [];
    }

    private CqlConnection? TryPick()
    {
        var open = _connections.Where(c => !c.IsClosed).ToArray();
        if (open.Length == 0) return null;
        var leastBusy = open.MinBy(c => c.InFlight)!;
        return leastBusy.InFlight < options.NewConnectionThreshold || open.Length >= options.MaxConnectionsPerHost ? leastBusy : null;
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _openLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await OpenLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _openLock.Release();
        }
    }

    private async Task<CqlConnection> OpenLockedAsync(CancellationToken cancellationToken)
    {
        var connection = await CqlConnection.OpenAsync(host, settings, cancellationToken).ConfigureAwait(false);
        if (_disposed)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(HostConnectionPool));
        }
        // No connection survived: the node may have restarted and lost its prepared statements, so prepare
        // them again before their next use here (DataStax drivers re-prepare on a host coming up).
        if (!_connections.Any(c => !c.IsClosed)) Prepared.Clear();
        _connections = [.. _connections.Where(c => !c.IsClosed), connection];
        _ = connection.Closed.ContinueWith(_ => Remove(connection), TaskScheduler.Default);
        return connection;
    }

    private void Remove(CqlConnection connection)
    {
        // Copy-on-write keeps TryPick lock-free; a lost race only leaves a closed connection that TryPick skips.
        _connections = [.. _connections.Where(c => c != connection)];
    }
}
