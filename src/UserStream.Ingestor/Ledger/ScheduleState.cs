using Npgsql;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// The schedule's state in PostgreSQL, shared by every ingestor: when each schedule last fired
/// (<c>ingest.schedule_state</c>) and whether the operator paused it (<c>ingest.schedule_pause</c>, one row while paused).
/// </summary>
public sealed class ScheduleState(NpgsqlDataSource dataSource)
{
    public const string Interval = "interval";
    public const string Cron = "cron";

    private const string NotPaused = "NOT EXISTS (SELECT 1 FROM ingest.schedule_pause)";

    /// <summary>When the cron schedule last fired, and whether it is paused. A schedule seen for the first time starts now (nothing in the past fires).</summary>
    public async Task<(DateTimeOffset LastFired, bool Paused)> ReadCronAsync(CancellationToken cancellationToken)
    {
        // Two statements: the read sees a row another ingestor created at the same moment (one statement's snapshot
        // would not, while its insert waited for that ingestor's and then did nothing). A row gone in between (the
        // schema made again) is created again.
        while (true)
        {
            await using (var create = dataSource.CreateCommand(
                "INSERT INTO ingest.schedule_state (name, last_fired_at) VALUES (@name, now()) ON CONFLICT (name) DO NOTHING"))
            {
                create.Parameters.AddWithValue("name", Cron);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var command = dataSource.CreateCommand(
                "SELECT last_fired_at, EXISTS (SELECT 1 FROM ingest.schedule_pause) FROM ingest.schedule_state WHERE name = @name");
            command.Parameters.AddWithValue("name", Cron);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                return (Utc(reader.GetDateTime(0)), reader.GetBoolean(1));
        }
    }

    /// <summary>Claims the interval schedule's next slot: true for the one ingestor whose claim moved it, never while paused.</summary>
    public async Task<bool> TryClaimIntervalSlotAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO ingest.schedule_state (name, last_fired_at) SELECT @name, now() WHERE {NotPaused}
            ON CONFLICT (name) DO UPDATE SET last_fired_at = now()
            WHERE ingest.schedule_state.last_fired_at <= now() - @interval AND {NotPaused}
            RETURNING last_fired_at
            """);
        command.Parameters.AddWithValue("name", Interval);
        command.Parameters.AddWithValue("interval", interval);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// Moves the cron schedule from <paramref name="previous"/> (as the caller read it) to <paramref name="latest"/> within
    /// <paramref name="transaction"/>: false when another ingestor moved it first, or the schedule is paused.
    /// </summary>
    public static async Task<bool> TryMoveCronAsync(NpgsqlTransaction transaction, DateTimeOffset previous, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            $"UPDATE ingest.schedule_state SET last_fired_at = @latest WHERE name = @name AND last_fired_at = @previous AND {NotPaused}",
            transaction.Connection, transaction);
        claim.Parameters.AddWithValue("name", Cron);
        claim.Parameters.AddWithValue("previous", previous.UtcDateTime);
        claim.Parameters.AddWithValue("latest", latest.UtcDateTime);
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Pauses the schedule on every ingestor; returns since when it is paused (earlier when it was already).</summary>
    public async Task<DateTimeOffset> PauseAsync(CancellationToken cancellationToken)
    {
        // As in ReadCronAsync: the insert and the read of a pause made at the same moment by another ingestor are two
        // statements; a pause resumed in between is made again.
        while (true)
        {
            await using (var pause = dataSource.CreateCommand("""
                INSERT INTO ingest.schedule_pause (only_row, paused_at) VALUES (true, now())
                ON CONFLICT (only_row) DO NOTHING RETURNING paused_at
                """))
            {
                if (await pause.ExecuteScalarAsync(cancellationToken) is DateTime paused)
                    return Utc(paused);
            }
            if (await PausedSinceAsync(cancellationToken) is { } since)
                return since;
        }
    }

    /// <summary>
    /// Resumes the schedule; false when it was not paused. Slots that came while it was paused are not fired: the cron
    /// schedule starts again from now.
    /// </summary>
    public async Task<bool> ResumeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var resume = new NpgsqlCommand("DELETE FROM ingest.schedule_pause", connection, transaction);
        if (await resume.ExecuteNonQueryAsync(cancellationToken) == 0)
            return false;
        await using var restart = new NpgsqlCommand(
            "UPDATE ingest.schedule_state SET last_fired_at = greatest(last_fired_at, now()) WHERE name = @name", connection, transaction);
        restart.Parameters.AddWithValue("name", Cron);
        await restart.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Since when the schedule is paused; null while it runs.</summary>
    public async Task<DateTimeOffset?> PausedSinceAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT paused_at FROM ingest.schedule_pause");
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime since ? Utc(since) : null;
    }

    /// <summary>When <paramref name="name"/> last fired; null when it never did.</summary>
    public async Task<DateTimeOffset?> LastFiredAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT last_fired_at FROM ingest.schedule_state WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? Utc(at) : null;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
