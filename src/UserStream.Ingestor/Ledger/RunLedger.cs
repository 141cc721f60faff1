using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Ledger;

/// <summary>Reads and writes the run ledger. A run's outbox rows and its counts are written in one transaction.</summary>
public sealed class RunLedger(NpgsqlDataSource dataSource)
{
    private const string RunColumns =
        "id, trigger, seed, requested, fetched, valid, invalid, published, status, error, invalid_reasons, created_at, started_at, fetched_at, finished_at";

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

    public Task MarkFetchingAsync(Guid runId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE ingest.runs SET status = @status, started_at = now(), error = NULL WHERE id = @id",
            cancellationToken, ("id", runId), ("status", RunStatus.Fetching));

    public Task FailAsync(Guid runId, string error, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE ingest.runs SET status = @status, error = @error, finished_at = now() WHERE id = @id",
            cancellationToken, ("id", runId), ("status", RunStatus.Failed), ("error", error));

    /// <summary>
    /// Writes the run's valid users to the outbox and its counts to the ledger, atomically.
    /// <paramref name="invalidReasons"/> counts problems by kind; a record can have several.
    /// </summary>
    public async Task RecordFetchAsync(
        Guid runId, int fetched, int invalid, IReadOnlyDictionary<string, int> invalidReasons, IReadOnlyList<OutboxMessage> messages,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (messages.Count > 0)
        {
            await using var import = await connection.BeginBinaryImportAsync(
                "COPY ingest.outbox (run_id, message_key, payload, traceparent, tracestate) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var message in messages)
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

        await using var update = new NpgsqlCommand("""
            UPDATE ingest.runs
            SET fetched = @fetched, valid = @valid, invalid = @invalid, invalid_reasons = @reasons, fetched_at = now(),
                status = CASE WHEN @valid = 0 THEN @completed ELSE @publishing END,
                finished_at = CASE WHEN @valid = 0 THEN now() END
            WHERE id = @id
            """, connection, transaction);
        update.Parameters.AddWithValue("id", runId);
        update.Parameters.AddWithValue("fetched", fetched);
        update.Parameters.AddWithValue("valid", messages.Count);
        update.Parameters.AddWithValue("invalid", invalid);
        update.Parameters.Add(new NpgsqlParameter("reasons", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(invalidReasons) });
        update.Parameters.AddWithValue("completed", RunStatus.Completed);
        update.Parameters.AddWithValue("publishing", RunStatus.Publishing);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>Runs that a previous process accepted but did not get through fetching: they are run again.</summary>
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
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(10)) ?? [],
                Utc(reader, 11)!.Value, Utc(reader, 12), Utc(reader, 13), Utc(reader, 14)));
        }
        return runs;
    }

    private static DateTimeOffset? Utc(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
