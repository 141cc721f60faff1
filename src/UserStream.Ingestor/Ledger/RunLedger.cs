using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// Reads and writes the run ledger. Each fetched page's outbox rows and the run's progress are written
/// in one transaction, so a run interrupted anywhere resumes after its last committed page.
/// </summary>
public sealed class RunLedger(NpgsqlDataSource dataSource)
{
    private const string RunColumns =
        "id, trigger, seed, requested, pages_fetched, fetched, valid, invalid, published, status, error, invalid_reasons, created_at, started_at, fetched_at, finished_at";

    public async Task<IngestionRun> CreateAsync(string trigger, int requested, string seed, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO ingest.runs (id, trigger, seed, requested, status) VALUES (@id, @trigger, @seed, @requested, @status) RETURNING {RunColumns}");
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("trigger", trigger);
        command.Parameters.AddWithValue("seed", seed);
        command.Parameters.AddWithValue("requested", requested);
        command.Parameters.AddWithValue("status", RunStatus.Queued);
        return (await ReadRunsAsync(command, cancellationToken))[0];
    }

    /// <summary>
    /// Marks a queued run, or one a previous process left fetching, as fetching and returns it with its
    /// progress so far; null when the run is already past fetching (nothing left to do).
    /// </summary>
    public async Task<IngestionRun?> MarkFetchingAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE ingest.runs SET status = @fetching, started_at = coalesce(started_at, now()), error = NULL
            WHERE id = @id AND status IN (@queued, @fetching)
            RETURNING {RunColumns}
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        var runs = await ReadRunsAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    public Task FailAsync(Guid runId, string error, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE ingest.runs SET status = @status, error = @error, finished_at = now() WHERE id = @id",
            cancellationToken, ("id", runId), ("status", RunStatus.Failed), ("error", error));

    /// <summary>
    /// Writes one fetched page atomically: its valid users to the outbox and the run's progress (pages,
    /// fetched, valid, invalid, reasons added up). The page must be the one after the last recorded one;
    /// otherwise nothing is written and false is returned (another execution of the run got there first),
    /// so a page never reaches the outbox twice.
    /// </summary>
    public async Task<bool> RecordPageAsync(Guid runId, RunPage page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var progress = new NpgsqlCommand("""
            UPDATE ingest.runs r SET
                pages_fetched = @page,
                fetched = r.fetched + @fetched,
                valid = r.valid + @valid,
                invalid = r.invalid + @invalid,
                invalid_reasons = (
                    SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
                    FROM (SELECT key, sum(value::int) AS total
                          FROM (SELECT key, value FROM jsonb_each_text(r.invalid_reasons)
                                UNION ALL SELECT key, value FROM jsonb_each_text(@reasons)) AS reasons
                          GROUP BY key) AS merged)
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
            if (await progress.ExecuteNonQueryAsync(cancellationToken) == 0)
                return false; // disposing the transaction rolls it back
        }

        if (page.Messages.Count > 0)
        {
            await using var import = await connection.BeginBinaryImportAsync(
                "COPY ingest.outbox (run_id, message_key, payload, traceparent, tracestate) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var message in page.Messages)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(runId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(message.Key, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(message.Payload, NpgsqlDbType.Bytea, cancellationToken);
                await WriteNullableAsync(import, message.TraceParent, cancellationToken);
                await WriteNullableAsync(import, message.TraceState, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Ends the fetching of a run: publishing while outbox rows of it wait for the broker, completed at once
    /// when the relay already has them all (or there were none). Returns the new status, null when the run
    /// was not fetching.
    /// </summary>
    public async Task<string?> FinishFetchingAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE ingest.runs SET fetched_at = now(),
                status = CASE WHEN published >= valid THEN @completed ELSE @publishing END,
                finished_at = CASE WHEN published >= valid THEN now() END
            WHERE id = @id AND status = @fetching
            RETURNING status
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        command.Parameters.AddWithValue("publishing", RunStatus.Publishing);
        command.Parameters.AddWithValue("completed", RunStatus.Completed);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IngestionRun?> GetAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunColumns} FROM ingest.runs WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        var runs = await ReadRunsAsync(command, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <summary>The newest runs first.</summary>
    public async Task<IReadOnlyList<IngestionRun>> ListAsync(int limit, string? status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {RunColumns} FROM ingest.runs WHERE (@status::text IS NULL OR status = @status) ORDER BY created_at DESC, id DESC LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        return await ReadRunsAsync(command, cancellationToken);
    }

    /// <summary>Runs that a previous process accepted but did not get through fetching: they are taken up again where they stopped.</summary>
    public async Task<IReadOnlyList<IngestionRun>> ListUnfinishedFetchesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {RunColumns} FROM ingest.runs WHERE status IN (@queued, @fetching) ORDER BY created_at");
        command.Parameters.AddWithValue("queued", RunStatus.Queued);
        command.Parameters.AddWithValue("fetching", RunStatus.Fetching);
        return await ReadRunsAsync(command, cancellationToken);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
            await import.WriteNullAsync(cancellationToken);
        else
            await import.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
    }

    private static async Task<List<IngestionRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<IngestionRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new IngestionRun(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(11)) ?? [],
                Utc(reader, 12)!.Value, Utc(reader, 13), Utc(reader, 14), Utc(reader, 15)));
        }
        return runs;
    }

    private static DateTimeOffset? Utc(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
