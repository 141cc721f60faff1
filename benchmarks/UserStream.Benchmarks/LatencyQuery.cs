using Npgsql;

namespace UserStream.Benchmarks;

/// <summary>What the store and the run ledger say about one phase's runs (identified by run id, so phases never mix).</summary>
public sealed class LatencyQuery(NpgsqlDataSource db)
{
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
    /// Ingest→visible latency of these runs' users: stored_at (set by the store write) − ingested_at (stamped by the
    /// ingestor once a user is fetched and validated); both come from the same machine's clock. Also the last stored_at,
    /// which is when the phase's last user became visible.
    /// </summary>
    public async Task<(double P50Ms, double P99Ms, DateTime LastStoredAt)> LatencyAsync(IReadOnlyList<Guid> runIds)
    {
        await using var command = db.CreateCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(stored_at)
            FROM (SELECT extract(epoch FROM stored_at - ingested_at)::float8 * 1000 AS d, stored_at
                  FROM user_stream.created_users WHERE run_id = ANY(@runs)) t
            """);
        command.Parameters.AddWithValue("runs", runIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetDouble(0), reader.GetDouble(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc));
    }
}
