using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// Reads and writes the run ledger. Each fetched page's outbox rows and the run's progress are written
/// in one transaction, so a run interrupted anywhere resumes after its last committed page. Queued and
/// fetching runs are claimed by one <see cref="RunOwner"/> at a time, with a lease it renews while it works on them.
/// The ledger alone ends a run (completed or failed), so it alone counts runs finished (<see cref="IngestorMetrics.RunFinished"/>).
/// </summary>
public sealed class RunLedger(NpgsqlDataSource dataSource, RunOwner owner, IngestorMetrics metrics)
{
    private const string RunColumns =
        "id, trigger, seed, requested, pages_fetched, fetched, valid, invalid, published, publish_failed, status, error, " +
        "invalid_reasons, publish_failed_reasons, created_at, started_at, fetched_at, finished_at, scheduled_for, attempt, retry_at";

    /// <summary>Serialises run creation across ingestors, so the queue limit is a limit (see <see cref="TryCreateAsync"/>).</summary>
    private const long CreateLockKey = 7301003;

    /// <summary>A ledger with metrics of its own (tests), for <paramref name="owner"/> or a process of its own.</summary>
    public RunLedger(NpgsqlDataSource dataSource, RunOwner? owner = null) : this(dataSource, owner ?? RunOwner.New(), new IngestorMetrics())
    {
    }

    public RunOwner Owner => owner;

    /// <summary>Creates a queued run, claimed by this owner, whatever the number of runs already waiting.</summary>
    public async Task<IngestionRun> CreateAsync(string trigger, int requested, string seed, CancellationToken cancellationToken) =>
        (await TryCreateAsync(trigger, requested, seed, int.MaxValue, cancellationToken))!;

    /// <summary>
    /// Creates a queued run, claimed by this owner, unless <paramref name="maxUnfinished"/> runs are queued or fetching
    /// already (in the whole ledger, whichever ingestor holds them): then nothing is created and null is returned.
    /// The count and the insert happen under one transaction-level advisory lock, so two ingestors creating at once
    /// cannot both take the last place.
    /// </summary>
    public async Task<IngestionRun?> TryCreateAsync(string trigger, int requested, string seed, int maxUnfinished, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (maxUnfinished < int.MaxValue)
        {
            await using var @lock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreateLockKey})", connection, transaction);
            await @lock.ExecuteNonQueryAsync(cancellationToken);
        }
        var run = await InsertQueuedAsync(transaction, trigger, requested, seed, maxUnfinished, scheduledFor: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>Inserts a queued run claimed by this owner within <paramref name="transaction"/>, unless <paramref name="maxUnfinished"/> runs are queued or fetching.</summary>
    private async Task<IngestionRun?> InsertQueuedAsync(NpgsqlTransaction transaction, string trigger, int requested, string seed, int maxUnfinished,
        DateTimeOffset? scheduledFor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO ingest.runs (id, trigger, seed, requested, status, claimed_by, lease_until, scheduled_for)
            SELECT @id, @trigger, @seed, @requested, @queued, @owner, now() + @lease, @slot
            WHERE (SELECT count(*) FROM ingest.runs WHERE status IN (@queued, @fetching)) < @max
            RETURNING {RunColumns}
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("trigger", trigger);
        command.Parameters.AddWithValue("seed", seed);
        command.Parameters.AddWithValue("requested", requested);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        command.Parameters.AddWithValue("owner", owner.Id);
        command.Parameters.AddWithValue("lease", owner.Lease);
        command.Parameters.Add(new NpgsqlParameter("slot", NpgsqlDbType.TimestampTz) { Value = (object?)scheduledFor?.UtcDateTime ?? DBNull.Value });
        command.Parameters.AddWithValue("max", (long)maxUnfinished);
        var runs = await ReadRunsAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <summary>
    /// Fires cron slots, once across every ingestor: moves the cron schedule's last fired slot from <paramref name="previous"/>
    /// (as this ingestor read it) to <paramref name="latest"/>, and creates a scheduled run for each of <paramref name="slots"/>
    /// while fewer than <paramref name="maxUnfinished"/> runs are queued or fetching, all in one transaction. Null when
    /// another ingestor moved the schedule first or it is paused (nothing is created); otherwise the runs created and how many slots
    /// found the queue full. A process killed in between leaves both undone, so the next tick fires the slots again.
    /// </summary>
    public async Task<ScheduledRuns?> TryFireScheduleAsync(DateTimeOffset previous, DateTimeOffset latest,
        IReadOnlyList<DateTimeOffset> slots, int requested, int maxUnfinished, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ScheduleState.TryMoveCronAsync(transaction, previous, latest, cancellationToken))
            return null;
        await using (var @lock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreateLockKey})", connection, transaction))
            await @lock.ExecuteNonQueryAsync(cancellationToken);
        var created = new List<IngestionRun>();
        foreach (var slot in slots)
            if (await InsertQueuedAsync(transaction, RunTrigger.Schedule, requested, Runs.RunSeeds.NewSeed(), maxUnfinished, slot, cancellationToken) is { } run)
                created.Add(run);
        await transaction.CommitAsync(cancellationToken);
        return new ScheduledRuns(created, slots.Count - created.Count);
    }

    /// <summary>Runs queued or fetching in the whole ledger (what the queue limit counts).</summary>
    public async Task<long> CountUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingest.runs WHERE status IN (@queued, @fetching)");
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Marks a queued run, or one left fetching, as fetching under this owner's claim and returns it with its progress
    /// so far; null when the run is already past fetching (nothing left to do) or another owner holds a live lease on it.
    /// </summary>
    public async Task<IngestionRun?> MarkFetchingAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE ingest.runs SET status = @fetching, started_at = coalesce(started_at, now()), error = NULL,
                claimed_by = @owner, lease_until = now() + @lease
            WHERE id = @id AND status IN (@queued, @fetching)
              AND (claimed_by IS NULL OR claimed_by = @owner OR lease_until IS NULL OR lease_until < now())
            RETURNING {RunColumns}
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        command.Parameters.AddWithValue("owner", owner.Id);
        command.Parameters.AddWithValue("lease", owner.Lease);
        var runs = await ReadRunsAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <summary>
    /// Fails a run with the reason, but only a run still queued or fetching: one already publishing, completed or failed
    /// keeps its status. Returns whether the run was failed now.
    /// </summary>
    public async Task<bool> FailAsync(Guid runId, string error, CancellationToken cancellationToken) =>
        await FailAttemptAsync(runId, error, retries: 0, TimeSpan.Zero, TimeSpan.Zero, cancellationToken) is not null;

    /// <summary>
    /// Ends a failed attempt of a run still queued or fetching: <c>retrying</c> when it has had at most
    /// <paramref name="retries"/> attempts so far, due again after <paramref name="delay"/> doubled per attempt (at most
    /// <paramref name="maxDelay"/>); otherwise failed, as <see cref="FailAsync"/>. Returns the run as it is now; null when
    /// it was past fetching.
    /// </summary>
    public async Task<IngestionRun?> FailAttemptAsync(Guid runId, string error, int retries, TimeSpan delay, TimeSpan maxDelay, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE ingest.runs SET
                status = CASE WHEN attempt <= @retries THEN @retrying ELSE @failed END,
                retry_at = CASE WHEN attempt <= @retries THEN now() + least(@delay * power(2, attempt - 1), @maxDelay) END,
                finished_at = CASE WHEN attempt <= @retries THEN NULL ELSE now() END,
                error = @error, claimed_by = NULL, lease_until = NULL
            WHERE id = @id AND status IN (@queued, @fetching)
            RETURNING {RunColumns}
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("error", error);
        command.Parameters.AddWithValue("retries", retries);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("maxDelay", maxDelay);
        command.Parameters.AddWithValue("retrying", RunStatus.Retrying);
        command.Parameters.AddWithValue("failed", RunStatus.Failed);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        var runs = await ReadRunsAsync(command, cancellationToken);
        if (runs.Count == 1 && runs[0].Status == RunStatus.Failed)
            metrics.RunFinished(RunStatus.Failed);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <summary>
    /// Queues every failed run again (the operator's <i>Retry failed runs</i>) for another attempt, claimed by this owner,
    /// oldest first, at most <paramref name="limit"/>. Each resumes after its last committed page.
    /// </summary>
    public async Task<IReadOnlyList<IngestionRun>> RetryFailedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE ingest.runs SET status = @queued, attempt = attempt + 1, finished_at = NULL, retry_at = NULL,
                claimed_by = @owner, lease_until = now() + @lease
            FROM (SELECT id AS retry_id FROM ingest.runs WHERE status = @failed ORDER BY created_at LIMIT @limit FOR UPDATE SKIP LOCKED) AS failed
            WHERE id = failed.retry_id
            RETURNING {RunColumns}
            """);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("failed", RunStatus.Failed);
        command.Parameters.AddWithValue("owner", owner.Id);
        command.Parameters.AddWithValue("lease", owner.Lease);
        command.Parameters.AddWithValue("limit", Math.Max(1, limit));
        var runs = await ReadRunsAsync(command, cancellationToken);
        return [.. runs.OrderBy(r => r.CreatedAt)];
    }

    /// <summary>Extends this owner's lease on those of <paramref name="runIds"/> it still holds; returns the ids renewed.</summary>
    public async Task<IReadOnlyList<Guid>> RenewLeasesAsync(IReadOnlyCollection<Guid> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
            return [];
        await using var command = dataSource.CreateCommand("""
            UPDATE ingest.runs SET lease_until = now() + @lease
            WHERE id = ANY(@ids) AND claimed_by = @owner AND status IN (@queued, @fetching)
            RETURNING id
            """);
        command.Parameters.AddWithValue("ids", runIds.ToArray());
        command.Parameters.AddWithValue("owner", owner.Id);
        command.Parameters.AddWithValue("lease", owner.Lease);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        var renewed = new List<Guid>(runIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            renewed.Add(reader.GetGuid(0));
        return renewed;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> runs queued or fetching that have no worker (never claimed, or their lease
    /// ran out), and runs retrying whose next attempt is due (queued again, attempt counted), oldest first, leaving out <paramref name="exclude"/> (the runs this process already has). Rows another
    /// ingestor is claiming at the same moment are skipped (FOR UPDATE SKIP LOCKED), so a run is claimed once.
    /// </summary>
    public async Task<IReadOnlyList<IngestionRun>> ClaimAbandonedAsync(IReadOnlyCollection<Guid> exclude, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE ingest.runs SET claimed_by = @owner, lease_until = now() + @lease,
                status = CASE WHEN status = @retrying THEN @queued ELSE status END,
                attempt = CASE WHEN status = @retrying THEN attempt + 1 ELSE attempt END,
                retry_at = NULL
            FROM (SELECT id AS claim_id FROM ingest.runs
                  WHERE ((status IN (@queued, @fetching) AND (lease_until IS NULL OR lease_until < now()))
                         OR (status = @retrying AND retry_at <= now()))
                    AND NOT (id = ANY(@exclude))
                  ORDER BY created_at LIMIT @limit FOR UPDATE SKIP LOCKED) AS abandoned
            WHERE id = abandoned.claim_id
            RETURNING {RunColumns}
            """);
        command.Parameters.AddWithValue("owner", owner.Id);
        command.Parameters.AddWithValue("lease", owner.Lease);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        command.Parameters.AddWithValue("retrying", RunStatus.Retrying);
        command.Parameters.AddWithValue("exclude", exclude.ToArray());
        command.Parameters.AddWithValue("limit", Math.Max(1, limit));
        var runs = await ReadRunsAsync(command, cancellationToken);
        return [.. runs.OrderBy(r => r.CreatedAt)];
    }

    /// <summary>Gives up this owner's claim on runs it will not work on (stopping): any ingestor may take them up at once.</summary>
    public async Task ReleaseLeasesAsync(IReadOnlyCollection<Guid> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
            return;
        await using var command = dataSource.CreateCommand(
            "UPDATE ingest.runs SET claimed_by = NULL, lease_until = NULL WHERE id = ANY(@ids) AND claimed_by = @owner");
        command.Parameters.AddWithValue("ids", runIds.ToArray());
        command.Parameters.AddWithValue("owner", owner.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one fetched page atomically: its valid users to the outbox and the run's progress (pages,
    /// fetched, valid, invalid, reasons added up). The page must be the one after the last recorded one;
    /// otherwise nothing is written, so a page never reaches the outbox twice: <see cref="PageWrite.AlreadyWritten"/>
    /// when the last recorded page is this very write (the same <see cref="RunPage.Token"/>: its commit got through but
    /// the reply was lost), <see cref="PageWrite.Refused"/> when another execution of the run got there first.
    /// </summary>
    public async Task<PageWrite> RecordPageAsync(Guid runId, RunPage page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var progress = new NpgsqlCommand($$"""
            UPDATE ingest.runs r SET
                pages_fetched = @page,
                fetched = r.fetched + @fetched,
                valid = r.valid + @valid,
                invalid = r.invalid + @invalid,
                invalid_reasons = {{MergedCounts("r.invalid_reasons", "@reasons")}},
                last_page_token = @token
            WHERE id = @id AND pages_fetched = @page - 1 AND status = @fetching
            """, connection, transaction))
        {
            progress.Parameters.AddWithValue("id", runId);
            progress.Parameters.AddWithValue("page", page.Number);
            progress.Parameters.AddWithValue("fetched", page.Fetched);
            progress.Parameters.AddWithValue("valid", page.Messages.Count);
            progress.Parameters.AddWithValue("invalid", page.Invalid);
            progress.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(page.InvalidReasons) });
            progress.Parameters.AddWithValue("fetching", RunStatus.Fetching);
            progress.Parameters.AddWithValue("token", page.Token);
            if (await progress.ExecuteNonQueryAsync(cancellationToken) == 0)
                return await IsLastPageAsync(connection, transaction, runId, page, cancellationToken) ? PageWrite.AlreadyWritten : PageWrite.Refused;
        }

        await OutboxStore.WritePageAsync(connection, runId, page.Messages, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PageWrite.Written;
    }

    private static async Task<bool> IsLastPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, RunPage page, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand(
            "SELECT pages_fetched = @page AND last_page_token IS NOT DISTINCT FROM @token FROM ingest.runs WHERE id = @id", connection, transaction);
        check.Parameters.AddWithValue("id", runId);
        check.Parameters.AddWithValue("page", page.Number);
        check.Parameters.AddWithValue("token", page.Token);
        return await check.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// Ends the fetching of a run: publishing while outbox rows of it wait for the broker, completed at once
    /// when the relay already ended them all, published or failed (or there were none). Returns the new status, null when the run
    /// was not fetching.
    /// </summary>
    public async Task<string?> FinishFetchingAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE ingest.runs SET fetched_at = now(),
                status = CASE WHEN published + publish_failed >= valid THEN @completed ELSE @publishing END,
                finished_at = CASE WHEN published + publish_failed >= valid THEN now() END,
                claimed_by = NULL, lease_until = NULL
            WHERE id = @id AND status = @fetching
            RETURNING status
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        command.Parameters.AddWithValue("publishing", RunStatus.Publishing);
        command.Parameters.AddWithValue("completed", RunStatus.Completed);
        var status = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (status == RunStatus.Completed)
            metrics.RunFinished(RunStatus.Completed); // nothing left for the relay: the run is over now
        return status;
    }

    public async Task<IngestionRun?> GetAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunColumns} FROM ingest.runs WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        var runs = await ReadRunsAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <summary>The newest runs first that <paramref name="filter"/> matches.</summary>
    public async Task<IReadOnlyList<IngestionRun>> ListAsync(int limit, RunFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {RunColumns} FROM ingest.runs
            WHERE (@status::text IS NULL OR status = @status)
              AND (@trigger::text IS NULL OR trigger = @trigger)
              AND (@from::timestamptz IS NULL OR created_at >= @from)
              AND (@to::timestamptz IS NULL OR created_at < @to)
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)filter.Status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("trigger", NpgsqlDbType.Text) { Value = (object?)filter.Trigger ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)filter.From?.UtcDateTime ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)filter.To?.UtcDateTime ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        return await ReadRunsAsync(command, cancellationToken);
    }

    /// <summary>Runs queued or fetching, oldest first, whoever holds them.</summary>
    public async Task<IReadOnlyList<IngestionRun>> ListUnfinishedFetchesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {RunColumns} FROM ingest.runs WHERE status IN (@queued, @fetching) ORDER BY created_at");
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        return await ReadRunsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Adds what the broker said about a batch to its runs and commits the relay's <paramref name="transaction"/>, which
    /// marked the batch's outbox rows: published rows go to <c>published</c>, refused rows to <c>publish_failed</c> and its
    /// reasons; then every run of the batch that is publishing and whose rows have all ended (published + failed = valid)
    /// is completed. A run still fetching is completed by <see cref="FinishFetchingAsync"/>. Two statements whatever the
    /// number of runs in the batch. Returns how many runs this completed.
    /// </summary>
    public async Task<int> CommitPublicationAsync(NpgsqlTransaction transaction,
        IReadOnlyList<RunOutcomeCount> published, IReadOnlyList<RunOutcomeCount> failed, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The relay's transaction has ended.");
        var runs = published.Select(c => c.RunId).Concat(failed.Select(c => c.RunId)).Distinct().ToArray();
        var completed = 0;
        if (runs.Length > 0)
        {
            // The runs' rows are locked in id order first: two relay lanes (or instances) whose batches share runs then
            // wait for each other instead of deadlocking.
            await using (var lockRuns = new NpgsqlCommand("SELECT 1 FROM ingest.runs WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE", connection, transaction))
            {
                lockRuns.Parameters.AddWithValue("ids", runs);
                await lockRuns.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var counts = new NpgsqlCommand($$"""
                UPDATE ingest.runs r SET
                    published = r.published + o.published,
                    publish_failed = r.publish_failed + o.failed,
                    publish_failed_reasons = {{MergedCounts("r.publish_failed_reasons", "o.reasons")}}
                FROM unnest(@ids, @published, @failed, @reasons) AS o(id, published, failed, reasons)
                WHERE r.id = o.id
                """, connection, transaction))
            {
                counts.Parameters.AddWithValue("ids", runs);
                counts.Parameters.AddWithValue("published", runs.Select(id => published.Where(c => c.RunId == id).Sum(c => c.Count)).ToArray());
                counts.Parameters.AddWithValue("failed", runs.Select(id => failed.Where(c => c.RunId == id).Sum(c => c.Count)).ToArray());
                counts.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
                {
                    Value = runs.Select(id => JsonSerializer.Serialize(failed.Where(c => c.RunId == id)
                        .GroupBy(c => c.Reason).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)))).ToArray(),
                });
                await counts.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var complete = new NpgsqlCommand("""
                UPDATE ingest.runs SET status = @completed,
                    -- clock_timestamp, not now(): this transaction may have begun before the run's fetch ended
                    finished_at = clock_timestamp()
                WHERE id = ANY(@ids) AND status = @publishing AND published + publish_failed >= valid
                """, connection, transaction);
            complete.Parameters.AddWithValue("ids", runs);
            complete.Parameters.AddWithValue("publishing", RunStatus.Publishing);
            complete.Parameters.AddWithValue("completed", RunStatus.Completed);
            completed = await complete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        metrics.RunFinished(RunStatus.Completed, completed);
        return completed;
    }

    // SQL for the jsonb object of counts in <column> plus those in <addition>, key by key.
    private static string MergedCounts(string column, string addition) => $$"""
        (SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
         FROM (SELECT key, sum(value::int) AS total
               FROM (SELECT key, value FROM jsonb_each_text({{column}}) UNION ALL SELECT key, value FROM jsonb_each_text({{addition}})) AS counts
               GROUP BY key) AS merged)
        """;

    private static async Task<List<IngestionRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<IngestionRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new IngestionRun(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                Counts(reader.GetString(12)), Counts(reader.GetString(13)),
                Utc(reader, 14)!.Value, Utc(reader, 15), Utc(reader, 16), Utc(reader, 17), Utc(reader, 18), reader.GetInt32(19), Utc(reader, 20)));
        }
        return runs;
    }

    private static Dictionary<string, int> Counts(string json) => JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];

    private static DateTimeOffset? Utc(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
