using System.Diagnostics;
using UserStream.Cql.Connections;
using UserStream.Cql.Protocol;
using UserStream.Cql.Protocol.Requests;
using UserStream.Cql.Protocol.Responses;

namespace UserStream.Cql;

/// <summary>
/// The session: picks a host round-robin (skipping hosts marked down until they are due for a retry),
/// sends the request on that host's pool, prepares statements on every host (and again on a host that lost
/// them), re-prepares on UNPREPARED, moves on to the next host when a host cannot be reached or is
/// overloaded, and maps the answer to a RowSet or a typed exception.
/// </summary>
internal sealed class CqlSession : ISession
{
    private readonly Cluster _cluster;
    private readonly Dictionary<Host, HostConnectionPool> _pools;
    private readonly StatementRequestBuilder _requests;
    private int _nextHost;
    private volatile string? _keyspace;
    private volatile bool _disposed;

    public CqlSession(Cluster cluster, string? keyspace)
    {
        _cluster = cluster;
        _keyspace = keyspace;
        _requests = new StatementRequestBuilder(cluster.Configuration.QueryOptions);
        _pools = cluster.Hosts.ToDictionary(h => h, h => new HostConnectionPool(h, cluster.ConnectionSettings, cluster.Configuration.PoolingOptions));
    }

    public string? Keyspace => _keyspace;

    public Cluster Cluster => _cluster;

    private TimeSpan DefaultTimeout => _cluster.ConnectionSettings.DefaultRequestTimeout;

    /// <summary>Opens the core connections of every reachable host and checks the keyspace exists.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Exception>();
        var warmed = await Task.WhenAll(_pools.Values.Select(async pool =>
        {
            try
            {
                await pool.WarmUpAsync(cancellationToken).ConfigureAwait(false);
                pool.Host.MarkUp();
                if (_cluster.Configuration.LocalDataCenter is not null) // otherwise no node is asked, and no connection taken for it
                    await LearnDataCenterAsync(pool, await pool.AcquireAsync(cancellationToken).ConfigureAwait(false), DefaultTimeout, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (IsHostUnreachable(ex, cancellationToken))
            {
                pool.Host.MarkDown();
                lock (errors) errors[pool.Host.Address] = ex;
                return false;
            }
        })).ConfigureAwait(false);
        if (!warmed.Any(ok => ok)) throw new NoHostAvailableException(errors);

        if (_keyspace is not null)
        {
            var pool = _pools.Values.First(p => p.Host.IsUp);
            var connection = await pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
            await EnsureKeyspaceAsync(connection, DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<RowSet> ExecuteAsync(string cql, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new SimpleStatement(cql), cancellationToken);

    public Task<RowSet> ExecuteAsync(IStatement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement is not Statement known)
            throw new ArgumentException($"Unsupported statement type {statement.GetType().Name}.", nameof(statement));
        return ExecutePageAsync(known, statement.PagingState, cancellationToken);
    }

    public async Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        var keyspace = _keyspace;
        using var activity = CqlInstrumentation.StartRequest("PREPARE", cql, keyspace, null);
        try
        {
            var (response, host) = await SendAsync(_ => new PrepareRequest(cql), null, DefaultTimeout, activity, cancellationToken).ConfigureAwait(false);
            if (response is not PreparedResult prepared)
                throw new FrameDecodingException($"PREPARE was answered with {response.GetType().Name} instead of a prepared result.");
            var statement = new PreparedStatement(prepared.Id, cql, keyspace, prepared.Variables, prepared.PartitionKeyIndexes, prepared.ResultMetadata.Columns);
            _pools[host].Prepared.Add(statement);
            await PrepareOnOtherHostsAsync(statement, host, cancellationToken).ConfigureAwait(false);
            return statement;
        }
        catch (Exception ex)
        {
            CqlInstrumentation.RecordError(activity, ex);
            throw;
        }
    }

    public async Task ShutdownAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _cluster.Forget(this);
        foreach (var pool in _pools.Values) await pool.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());

    public void Dispose() => ShutdownAsync().GetAwaiter().GetResult();

    private async Task<RowSet> ExecutePageAsync(Statement statement, byte[]? pagingState, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var operation = statement is BatchStatement ? "BATCH" : CqlInstrumentation.OperationOf(statement.QueryString);
        using var activity = CqlInstrumentation.StartRequest(operation, statement.QueryString, _keyspace, statement.ConsistencyLevel ?? _cluster.Configuration.QueryOptions.ConsistencyLevel);
        try
        {
            var timeout = statement.ReadTimeoutMillis > 0 ? TimeSpan.FromMilliseconds(statement.ReadTimeoutMillis) : DefaultTimeout;
            var knownColumns = (statement as BoundStatement)?.PreparedStatement.ResultColumns;
            var (response, host) = await SendAsync(_ => _requests.Build(statement, pagingState), statement, timeout, activity, cancellationToken, knownColumns).ConfigureAwait(false);
            if (response is SetKeyspaceResult use) _keyspace = use.Keyspace;
            if (response is RowsResult rows) activity?.SetTag("db.response.returned_rows", rows.Rows.Count);
            var info = new ExecutionInfo(host.Address, response.Warnings, response.TracingId);
            return ResultMapper.ToRowSet(response, info, (state, ct) => ExecutePageAsync(statement, state, ct), statement.AutoPage);
        }
        catch (Exception ex)
        {
            CqlInstrumentation.RecordError(activity, ex);
            throw;
        }
    }

    /// <summary>Runs one request on the first host that takes it; <paramref name="buildRequest"/> runs per attempt so re-prepared ids are used.</summary>
    private async Task<(Response Response, Host Host)> SendAsync(
        Func<CqlConnection, IRequest> buildRequest,
        Statement? statement,
        TimeSpan timeout,
        Activity? activity,
        CancellationToken cancellationToken,
        IReadOnlyList<CqlColumn>? knownColumns = null)
    {
        var errors = new Dictionary<string, Exception>();
        var prepared = PreparedStatementsOf(statement);
        foreach (var pool in QueryPlan())
        {
            CqlConnection connection;
            try
            {
                connection = await pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
                pool.Host.MarkUp();
            }
            catch (Exception ex) when (IsHostUnreachable(ex, cancellationToken))
            {
                pool.Host.MarkDown();
                errors[pool.Host.Address] = ex;
                continue;
            }

            CqlInstrumentation.RecordHost(activity, pool.Host);
            await LearnDataCenterAsync(pool, connection, timeout, cancellationToken).ConfigureAwait(false);
            await EnsureKeyspaceAsync(connection, timeout, cancellationToken).ConfigureAwait(false);
            await EnsurePreparedOnHostAsync(pool, connection, prepared, timeout, cancellationToken).ConfigureAwait(false);
            var response = await RoundTripAsync(connection, buildRequest(connection), timeout, knownColumns, cancellationToken).ConfigureAwait(false);
            response = await RecoverUnpreparedAsync(pool, connection, prepared, response, () => buildRequest(connection), timeout, knownColumns, cancellationToken).ConfigureAwait(false);

            if (response is ErrorResponse { Error: OverloadedException or IsBootstrappingException } busy)
            {
                // Nothing was applied on a busy coordinator, so another host may safely take the request.
                errors[pool.Host.Address] = busy.Error;
                continue;
            }
            if (response is ErrorResponse error) throw error.Error;
            // The caller's own USE moved this connection; remember it, or a later request could run in the wrong keyspace.
            if (response is SetKeyspaceResult use) connection.Keyspace = use.Keyspace;
            return (response, pool.Host);
        }
        throw new NoHostAvailableException(errors);
    }

    /// <summary>
    /// Cassandra names one unknown statement per UNPREPARED answer (the first in the request), so a batch whose
    /// statements a node forgot needs one re-prepare and resend per statement. Each distinct statement is
    /// re-prepared at most once; an answer that still names an unknown statement after that is an error.
    /// </summary>
    private async Task<Response> RecoverUnpreparedAsync(
        HostConnectionPool pool,
        CqlConnection connection,
        PreparedStatement[] prepared,
        Response response,
        Func<IRequest> buildRequest,
        TimeSpan timeout,
        IReadOnlyList<CqlColumn>? knownColumns,
        CancellationToken cancellationToken)
    {
        var reprepared = new HashSet<PreparedStatement>(ReferenceEqualityComparer.Instance);
        while (response is ErrorResponse { Error: PreparedQueryNotFoundException unprepared } && prepared.Length > 0)
        {
            var named = prepared.FirstOrDefault(p => p.Id.AsSpan().SequenceEqual(unprepared.UnknownId));
            if (named is null)
                throw new DriverException(
                    $"{pool.Host.Address} answered UNPREPARED for statement id {Convert.ToHexString(unprepared.UnknownId)}, which this request does not hold.", unprepared);
            if (!reprepared.Add(named))
                throw new DriverException(
                    $"{pool.Host.Address} still does not know the statement \"{named.Cql}\" after it was prepared again there "
                    + $"({reprepared.Count} of the request's {prepared.Length} prepared statements re-prepared).", unprepared);
            await PrepareOnConnectionAsync(pool, connection, named, timeout, cancellationToken).ConfigureAwait(false);
            response = await RoundTripAsync(connection, buildRequest(), timeout, knownColumns, cancellationToken).ConfigureAwait(false);
        }
        return response;
    }

    /// <summary>Prepares the request's statements on this host first when it is not known to hold them (a host first connected, or back up).</summary>
    private static async Task EnsurePreparedOnHostAsync(HostConnectionPool pool, CqlConnection connection, PreparedStatement[] prepared, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var statement in prepared)
        {
            if (pool.Prepared.Contains(statement)) continue;
            // Prepared in the wrong keyspace it would mean other tables; send it as is, and an UNPREPARED answer raises the mismatch.
            if (statement.Keyspace is not null && statement.Keyspace != connection.Keyspace) continue;
            await pool.Prepared.EnsureAsync(statement, () => SendPrepareAsync(connection, statement, timeout))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As DataStax drivers do by default: once the first host prepared a statement, every other host prepares it too.</summary>
    private async Task PrepareOnOtherHostsAsync(PreparedStatement statement, Host preparedOn, CancellationToken cancellationToken)
    {
        var others = _pools.Values.Where(p => p.Host != preparedOn && p.Host.IsUp);
        await Task.WhenAll(others.Select(async pool =>
        {
            CqlConnection connection;
            try
            {
                connection = await pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsHostUnreachable(ex, cancellationToken))
            {
                pool.Host.MarkDown();
                return;
            }
            try
            {
                await EnsureKeyspaceAsync(connection, DefaultTimeout, cancellationToken).ConfigureAwait(false);
                await EnsurePreparedOnHostAsync(pool, connection, [statement], DefaultTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Best effort, as in the DataStax drivers: the host prepares it before its first use there instead.
            }
        })).ConfigureAwait(false);
    }

    private static async Task<Response> RoundTripAsync(CqlConnection connection, IRequest request, TimeSpan timeout, IReadOnlyList<CqlColumn>? knownColumns, CancellationToken cancellationToken)
    {
        var frame = await connection.SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        return ResponseDecoder.Decode(frame, knownColumns);
    }

    private static async Task PrepareOnConnectionAsync(HostConnectionPool pool, CqlConnection connection, PreparedStatement statement, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Protocol v4 prepares in the connection's keyspace: preparing in another one would change what the statement names.
        if (statement.Keyspace is not null && statement.Keyspace != connection.Keyspace)
            throw new PreparedStatementKeyspaceMismatchException(statement.Cql, statement.Keyspace, connection.Keyspace);
        await SendPrepareAsync(connection, statement, timeout, cancellationToken).ConfigureAwait(false);
        pool.Prepared.Add(statement);
    }

    private static async Task SendPrepareAsync(CqlConnection connection, PreparedStatement statement, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var response = await RoundTripAsync(connection, new PrepareRequest(statement.Cql), timeout, null, cancellationToken).ConfigureAwait(false);
        switch (response)
        {
            case PreparedResult fresh:
                statement.ReplaceId(fresh.Id);
                break;
            case ErrorResponse error:
                throw error.Error;
            default:
                throw new FrameDecodingException($"PREPARE was answered with {response.GetType().Name} instead of a prepared result.");
        }
    }

    private static PreparedStatement[] PreparedStatementsOf(Statement? statement) => statement switch
    {
        BoundStatement bound => [bound.PreparedStatement],
        BatchStatement batch => [.. batch.Statements.OfType<BoundStatement>().Select(b => b.PreparedStatement).Distinct(ReferenceEqualityComparer.Instance).Cast<PreparedStatement>()],
        _ => [],
    };

    /// <summary>
    /// Switches a connection to the session's keyspace when it is not there yet (connections are per keyspace in
    /// CQL). Requests that find the connection elsewhere at the same time share one USE.
    /// </summary>
    private Task EnsureKeyspaceAsync(CqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var keyspace = _keyspace;
        if (keyspace is null || connection.Keyspace == keyspace) return Task.CompletedTask;
        return connection.SwitchKeyspaceAsync(keyspace, () => UseAsync(connection, keyspace, timeout)).WaitAsync(cancellationToken);
    }

    private static async Task UseAsync(CqlConnection connection, string keyspace, TimeSpan timeout)
    {
        var use = new QueryRequest($"USE {QuoteIdentifier(keyspace)}", new QueryParameters(ConsistencyLevel.One));
        // Not cancellable by one caller: others may be waiting on the same USE.
        var response = await RoundTripAsync(connection, use, timeout, null, CancellationToken.None).ConfigureAwait(false);
        switch (response)
        {
            case SetKeyspaceResult:
                return;
            case ErrorResponse error:
                throw error.Error;
            default:
                throw new FrameDecodingException($"USE was answered with {response.GetType().Name} instead of a set_keyspace result.");
        }
    }

    /// <summary>
    /// The hosts to try, in order: round robin over the available ones; with a local data centre configured, its nodes
    /// first (round robin among them), then the rest (nodes elsewhere, and nodes whose data centre is not known yet).
    /// </summary>
    private IEnumerable<HostConnectionPool> QueryPlan()
    {
        var hosts = _cluster.Hosts;
        var start = (int)((uint)Interlocked.Increment(ref _nextHost) % (uint)hosts.Count);
        var local = _cluster.Configuration.LocalDataCenter;
        var rotated = Enumerable.Range(0, hosts.Count).Select(i => hosts[(start + i) % hosts.Count]).Where(h => h.IsAvailable);
        if (local is null)
        {
            foreach (var host in rotated) yield return _pools[host];
            yield break;
        }
        var remote = new List<Host>(hosts.Count);
        foreach (var host in rotated)
        {
            if (host.DataCenter == local) yield return _pools[host];
            else remote.Add(host);
        }
        foreach (var host in remote) yield return _pools[host];
    }

    /// <summary>Asks a node once for its data centre (only when a local data centre is configured), for <see cref="QueryPlan"/>.</summary>
    private async Task LearnDataCenterAsync(HostConnectionPool pool, CqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_cluster.Configuration.LocalDataCenter is null || pool.Host.DataCenter is not null) return;
        var query = new SimpleStatement("SELECT data_center FROM system.local WHERE key = 'local'").SetConsistencyLevel(ConsistencyLevel.One);
        var response = await RoundTripAsync(connection, _requests.Build((Statement)query, null), timeout, null, cancellationToken).ConfigureAwait(false);
        if (response is ErrorResponse error) throw error.Error;
        var rows = ResultMapper.ToRowSet(response, new ExecutionInfo(pool.Host.Address, response.Warnings, response.TracingId),
            (_, _) => throw new InvalidOperationException("system.local has one row"), autoPage: false);
        pool.Host.DataCenter = rows.Select(r => r.GetValue<string>("data_center")).FirstOrDefault() ?? "";
    }

    /// <summary>Failures that say "this host, now" rather than "this request": try another host and mark this one down.</summary>
    private static bool IsHostUnreachable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        AuthenticationException or UnsupportedProtocolVersionException or ObjectDisposedException => false,
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        _ => true,
    };

    private static string QuoteIdentifier(string name) =>
        name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') ? name : $"\"{name.Replace("\"", "\"\"")}\"";
}
