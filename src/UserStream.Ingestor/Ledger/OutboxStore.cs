using Npgsql;
using NpgsqlTypes;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// The one owner of <c>ingest.outbox</c>: every statement on it is here. A page's rows are written inside the ledger's
/// page transaction; the relay claims a batch (FOR UPDATE SKIP LOCKED, so several relays never take the same row) and
/// marks what the broker said about it inside its own; the cleaner deletes ended rows after the retention period.
/// What a row's end means for its run (counts, completion) is the run ledger's business (<see cref="RunLedger.CommitPublicationAsync"/>).
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>Writes one page's valid users to the outbox, in the caller's transaction.</summary>
    public static async Task WritePageAsync(NpgsqlConnection connection, Guid runId, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return;
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

    /// <summary>Claims up to <paramref name="limit"/> pending rows in id order, locked until the caller's transaction ends.</summary>
    public static async Task<List<OutboxRow>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        // The pending ids are locked, not the wide outbox rows: a second relay skips them, and a relay that dies
        // releases them with its transaction.
        await using var command = new NpgsqlCommand("""
            SELECT o.id, o.run_id, o.message_key, o.payload, o.traceparent, o.tracestate
            FROM (SELECT id FROM ingest.outbox_pending ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED) p
            JOIN ingest.outbox o ON o.id = p.id
            ORDER BY o.id
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), (byte[])reader[3],
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return rows;
    }

    /// <summary>Marks acknowledged rows published; returns how many per run.</summary>
    public static async Task<IReadOnlyList<RunOutcomeCount>> MarkPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        await using var command = new NpgsqlCommand("""
            WITH dequeued AS (
                DELETE FROM ingest.outbox_pending WHERE id = ANY(@ids) RETURNING id
            ), marked AS (
                UPDATE ingest.outbox o SET published_at = now() FROM dequeued d WHERE o.id = d.id RETURNING o.run_id
            )
            SELECT run_id, '' AS reason, count(*)::int AS n FROM marked GROUP BY run_id
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return await ReadCountsAsync(command, cancellationToken);
    }

    /// <summary>Marks rows the broker refused for good failed, with its error; returns how many per run and reason.</summary>
    public static async Task<IReadOnlyList<RunOutcomeCount>> MarkFailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(long Id, string Error, string Reason)> refused, CancellationToken cancellationToken)
    {
        if (refused.Count == 0)
            return [];
        await using var command = new NpgsqlCommand("""
            WITH refused AS (
                SELECT * FROM unnest(@ids, @errors, @reasons) AS f(id, error, reason)
            ), dequeued AS (
                DELETE FROM ingest.outbox_pending p USING refused f WHERE p.id = f.id RETURNING p.id
            ), marked AS (
                UPDATE ingest.outbox o SET failed_at = now(), error = f.error
                FROM refused f JOIN dequeued d ON d.id = f.id WHERE o.id = f.id
                RETURNING o.run_id, f.reason
            )
            SELECT run_id, reason, count(*)::int AS n FROM marked GROUP BY run_id, reason
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", refused.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("errors", refused.Select(r => r.Error).ToArray());
        command.Parameters.AddWithValue("reasons", refused.Select(r => r.Reason).ToArray());
        return await ReadCountsAsync(command, cancellationToken);
    }

    /// <summary>How many rows wait for the broker.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingest.outbox_pending");
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <summary>
    /// Deletes up to <paramref name="batch"/> rows published (or, with <paramref name="failed"/>, failed) before now minus
    /// <paramref name="retention"/>; returns how many.
    /// </summary>
    public async Task<int> DeleteEndedAsync(bool failed, TimeSpan retention, int batch, CancellationToken cancellationToken)
    {
        var endedAt = failed ? "failed_at" : "published_at";
        await using var command = dataSource.CreateCommand($"""
            DELETE FROM ingest.outbox WHERE id IN (
                SELECT id FROM ingest.outbox
                WHERE {endedAt} IS NOT NULL AND {endedAt} < now() - @retention
                LIMIT @batch)
            """);
        command.Parameters.AddWithValue("retention", retention);
        command.Parameters.AddWithValue("batch", batch);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<RunOutcomeCount>> ReadCountsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var counts = new List<RunOutcomeCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            counts.Add(new RunOutcomeCount(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2)));
        return counts;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}

/// <summary>How many of a run's outbox rows just ended one way (the reason is empty for published rows).</summary>
public sealed record RunOutcomeCount(Guid RunId, string Reason, int Count);
