using Npgsql;

namespace UserStream.Benchmarks;

/// <summary>A phase's latencies in milliseconds, and when its last user became visible (committed).</summary>
public sealed record PhaseLatency(double IngestP50Ms, double IngestP99Ms, double RequestP50Ms, double RequestP99Ms, DateTime LastVisibleAt);

/// <summary>
/// What the store, the run ledger and the broker say about one phase's runs (identified by run id, so phases never
/// mix). The store is counted only to confirm a drain and to read latencies at the end, never polled.
/// </summary>
public sealed class LatencyQuery(NpgsqlDataSource db, GroupProgress group)
{
    public GroupProgress Group => group;

    /// <summary>Whether every run has finished fetching and publishing, and how many valid users they hold in all.</summary>
    public async Task<(bool Settled, long ValidUsers, int Failed)> RunsAsync(IReadOnlyList<Guid> runIds)
    {
        await using var command = db.CreateCommand("""
            SELECT coalesce(bool_and(status IN ('completed', 'failed')), true), coalesce(sum(valid), 0)::bigint,
                   count(*) FILTER (WHERE status = 'failed')::int
            FROM ingest.runs WHERE id = ANY(@runs)
            """);
        command.Parameters.AddWithValue("runs", runIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetInt64(1), reader.GetInt32(2));
    }

    /// <summary>Users of these runs now in the user store.</summary>
    public async Task<long> VisibleAsync(IReadOnlyList<Guid> runIds)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM user_stream.created_users WHERE run_id = ANY(@runs)");
        command.Parameters.AddWithValue("runs", runIds.ToArray());
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // the processor has not created the store yet
        }
    }

    /// <summary>
    /// The latencies of these runs' users, to the moment each became visible: the commit of the store write that holds
    /// it (<c>pg_xact_commit_timestamp</c> of the row; the local PostgreSQL runs with <c>track_commit_timestamp=on</c>),
    /// not <c>stored_at</c>, which is <c>now()</c> at the start of that write's transaction.
    /// Request→visible starts at the run's <c>created_at</c>, set when <c>POST /runs</c> queued it: it holds the wait
    /// in the run queue and the fetch. Ingest→visible starts at <c>ingested_at</c>, stamped once the user was fetched and
    /// validated. All timestamps come from the one PostgreSQL server's clock.
    /// </summary>
    public async Task<PhaseLatency> LatencyAsync(IReadOnlyList<Guid> runIds)
    {
        await using var command = db.CreateCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ingest_ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ingest_ms),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY request_ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY request_ms),
                   max(visible_at)
            FROM (SELECT extract(epoch FROM v.visible_at - u.ingested_at)::float8 * 1000 AS ingest_ms,
                         extract(epoch FROM v.visible_at - r.created_at)::float8 * 1000 AS request_ms,
                         v.visible_at
                  FROM user_stream.created_users u
                  JOIN ingest.runs r ON r.id = u.run_id
                  CROSS JOIN LATERAL (SELECT pg_xact_commit_timestamp(u.xmin) AS visible_at) v
                  WHERE u.run_id = ANY(@runs)) t
            """);
        command.Parameters.AddWithValue("runs", runIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PhaseLatency(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3),
            DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc));
    }
}
