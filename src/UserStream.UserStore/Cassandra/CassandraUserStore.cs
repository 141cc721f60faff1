using UserStream.Cql;

namespace UserStream.UserStore.Cassandra;

/// <summary>
/// The user store in Cassandra: keyspace <c>user_stream</c>, table <c>created_users</c> keyed by id and
/// <c>created_users_by_email</c> for lookups by address. Writes are prepared upserts; each user's two
/// rows go in one logged batch so the lookup never points at a user that was not written.
/// </summary>
public sealed class CassandraUserStore : IUserStore, IAsyncDisposable
{
    private readonly Cluster _cluster;
    private readonly bool _ownsCluster;
    private readonly CassandraUserStoreOptions _options;
    private readonly CassandraPageToken _pageTokens;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private volatile ISession? _session;
    private volatile PreparedStatements? _prepared;
    private readonly ConsistencyLevel _writeConsistency;
    private readonly ConsistencyLevel _readConsistency;

    /// <summary>
    /// A store over a cluster the caller owns (and disposes). Give the cluster no default keyspace,
    /// or one that exists: the session connects into it before the store can create it.
    /// </summary>
    public CassandraUserStore(Cluster cluster, CassandraUserStoreOptions? options = null)
        : this(cluster, options, ownsCluster: false)
    {
    }

    private CassandraUserStore(Cluster cluster, CassandraUserStoreOptions? options, bool ownsCluster)
    {
        _cluster = cluster;
        _options = options ?? new CassandraUserStoreOptions();
        _ownsCluster = ownsCluster;
        _pageTokens = new CassandraPageToken(_options);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WriteConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ReplicationFactor, 1);
        CassandraUserStoreCql.CreateKeyspace(_options); // fail at construction on an unknown replication class
        _writeConsistency = Consistency(_options.WriteConsistency, nameof(CassandraUserStoreOptions.WriteConsistency));
        _readConsistency = Consistency(_options.ReadConsistency, nameof(CassandraUserStoreOptions.ReadConsistency));
    }

    /// <summary>The consistency of writes this store uses (configured, or chosen from the replication factor).</summary>
    public ConsistencyLevel WriteConsistency => _writeConsistency;

    /// <summary>The consistency of reads this store uses.</summary>
    public ConsistencyLevel ReadConsistency => _readConsistency;

    private ConsistencyLevel Consistency(string? configured, string setting)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return _options.Copies > 1 ? ConsistencyLevel.LocalQuorum : ConsistencyLevel.LocalOne;
        var name = configured.Replace("_", "", StringComparison.Ordinal).Trim();
        return Enum.TryParse<ConsistencyLevel>(name, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(name, out _)
            ? level
            : throw new ArgumentException(
                $"UserStore:Cassandra:{setting} is '{configured}': use one of {string.Join(", ", Enum.GetNames<ConsistencyLevel>().Select(Upper))}.");
    }

    // LocalQuorum → LOCAL_QUORUM, as CQL and cqlsh spell the levels.
    private static string Upper(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    /// <summary>
    /// Builds the store from <c>ConnectionStrings__cassandra</c>:
    /// <c>Contact Points=h1,h2;Port=9042;Username=…;Password=…;Default Keyspace=user_stream</c>.
    /// Nothing connects until the first call.
    /// </summary>
    /// <exception cref="ArgumentException">the connection string names a keyspace other than user_stream.</exception>
    public static CassandraUserStore FromConnectionString(string connectionString, CassandraUserStoreOptions? options = null)
    {
        var parsed = CqlConnectionString.Parse(connectionString);
        if (parsed.DefaultKeyspace is { } keyspace && keyspace != CassandraUserStoreCql.Keyspace)
            throw new ArgumentException(
                $"The user store lives in keyspace {CassandraUserStoreCql.Keyspace}; the connection string names '{keyspace}'.", nameof(connectionString));
        // The keyspace is deliberately not made the session default: on a first start it does not exist
        // yet, and connecting into it would fail before EnsureSchemaAsync could create it. Every statement
        // names its keyspace instead.
        var builder = Cluster.Builder().AddContactPoints([.. parsed.ContactPoints]);
        if (parsed.Port is { } port) builder.WithPort(port);
        if (parsed.Username is not null) builder.WithCredentials(parsed.Username, parsed.Password ?? "");
        if (parsed.Ssl is not null) builder.WithSsl(parsed.Ssl);
        if (parsed.LocalDataCenter is not null) builder.WithLocalDataCenter(parsed.LocalDataCenter);
        return new CassandraUserStore(builder.Build(), options, ownsCluster: true);
    }

    public string Kind => "cassandra";

    public StoreErrorKind Classify(Exception exception) => CassandraStoreErrors.Classify(exception);

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync(cancellationToken);
        await session.ExecuteAsync(CassandraUserStoreCql.CreateKeyspace(_options), cancellationToken);
        await session.ExecuteAsync(CassandraUserStoreCql.CreateUsersTable, cancellationToken);
        await session.ExecuteAsync(CassandraUserStoreCql.CreateEmailTable, cancellationToken);
        await PreparedAsync(cancellationToken);
    }

    public async Task UpsertAsync(IReadOnlyCollection<StoredUser> users, CancellationToken cancellationToken = default)
    {
        if (users.Count == 0) return;
        var session = await SessionAsync(cancellationToken);
        var prepared = await PreparedAsync(cancellationToken);
        // Within one call the last copy of a user wins; writing copies concurrently would race.
        var latest = users.GroupBy(u => u.Id).Select(g => g.Last()).ToList();
        await Parallel.ForEachAsync(latest,
            new ParallelOptions { MaxDegreeOfParallelism = _options.WriteConcurrency, CancellationToken = cancellationToken },
            async (user, ct) =>
            {
                var batch = new BatchStatement()
                    .Add(prepared.InsertUser.Bind(CassandraUserMapping.ToValues(user)))
                    .Add(prepared.InsertEmail.Bind(CassandraUserMapping.EmailKey(user.Email), user.Id))
                    .SetConsistencyLevel(_writeConsistency);
                await session.ExecuteAsync(batch, ct);
            });
    }

    public async Task<StoredUser?> GetByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync(cancellationToken);
        var prepared = await PreparedAsync(cancellationToken);
        var rows = await session.ExecuteAsync(prepared.SelectUserById.Bind(id).SetConsistencyLevel(_readConsistency), cancellationToken);
        return rows.Select(CassandraUserMapping.FromRow).FirstOrDefault();
    }

    public async Task<StoredUser?> GetByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var session = await SessionAsync(cancellationToken);
        var prepared = await PreparedAsync(cancellationToken);
        var key = CassandraUserMapping.EmailKey(email);
        var ids = await session.ExecuteAsync(prepared.SelectIdByEmail.Bind(key).SetConsistencyLevel(_readConsistency), cancellationToken);
        var id = ids.Select(r => r.GetValue<Guid>("id")).FirstOrDefault();
        if (id == Guid.Empty) return null;
        // A user whose address changed leaves its old lookup row behind; only the current address counts.
        var user = await GetByIdAsync(id, cancellationToken);
        return user is not null && CassandraUserMapping.EmailKey(user.Email) == key ? user : null;
    }

    public async Task<UserPage> ListAsync(int limit, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var pagingState = pageToken is null ? null : _pageTokens.Decode(pageToken);
        var session = await SessionAsync(cancellationToken);
        var prepared = await PreparedAsync(cancellationToken);
        var statement = prepared.SelectUsers.Bind().SetPageSize(limit).SetPagingState(pagingState).SetAutoPage(false)
            .SetConsistencyLevel(_readConsistency);
        var rows = await session.ExecuteAsync(statement, cancellationToken);
        var items = rows.Select(CassandraUserMapping.FromRow).ToList();
        return new UserPage(items, rows.PagingState is { } next ? _pageTokens.Encode(next) : null);
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync(cancellationToken);
        await session.ExecuteAsync(new SimpleStatement(CassandraUserStoreCql.Ping), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session) await session.DisposeAsync();
        if (_ownsCluster) await _cluster.DisposeAsync();
        _connectGate.Dispose();
    }

    // Connect and prepare lazily and retry on the next call after a failure, so a store created
    // before Cassandra is up starts working once it is.
    private async ValueTask<ISession> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session) return session;
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            return _session ??= await _cluster.ConnectAsync(null, cancellationToken);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async ValueTask<PreparedStatements> PreparedAsync(CancellationToken cancellationToken)
    {
        if (_prepared is { } prepared) return prepared;
        var session = await SessionAsync(cancellationToken);
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            return _prepared ??= await PreparedStatements.PrepareAsync(session, cancellationToken);
        }
        finally
        {
            _connectGate.Release();
        }
    }
}
