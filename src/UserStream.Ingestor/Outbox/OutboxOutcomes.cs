using Npgsql;
using UserStream.Confluent.Kafka;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Outbox;

/// <summary>
/// Writes what the broker said about a batch, inside the relay's transaction: acknowledged rows are marked published,
/// refused rows failed with the broker's error, both added to their runs' counts (<c>published</c>,
/// <c>publish_failed</c> and its reasons), and every run of the batch that is publishing and whose rows have all
/// ended (published + failed = valid) is completed. A run still fetching is completed later, by the end of its fetch.
/// </summary>
internal static class OutboxOutcomes
{
    /// <summary>Returns how many runs this completed.</summary>
    public static async Task<int> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        var runIds = new HashSet<Guid>();
        if (outcome.Delivered.Count > 0)
            runIds.UnionWith(await MarkPublishedAsync(connection, transaction, outcome.Delivered, cancellationToken));
        if (outcome.Refused.Count > 0)
            runIds.UnionWith(await MarkFailedAsync(connection, transaction, outcome.Refused, cancellationToken));
        return runIds.Count == 0 ? 0 : await CompleteAsync(connection, transaction, runIds, cancellationToken);
    }

    private static async Task<List<Guid>> MarkPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH marked AS (
                UPDATE ingest.outbox SET published_at = now() WHERE id = ANY(@ids) AND published_at IS NULL AND failed_at IS NULL RETURNING run_id
            ), counts AS (
                SELECT run_id, count(*)::int AS n FROM marked GROUP BY run_id
            )
            UPDATE ingest.runs r SET published = r.published + c.n FROM counts c WHERE r.id = c.run_id
            RETURNING r.id
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return await ReadIdsAsync(command, cancellationToken);
    }

    private static async Task<List<Guid>> MarkFailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(OutboxRow Row, global::Confluent.Kafka.Error Error)> refused, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH refused AS (
                SELECT * FROM unnest(@ids, @errors, @reasons) AS f(id, error, reason)
            ), marked AS (
                UPDATE ingest.outbox o SET failed_at = now(), error = f.error
                FROM refused f WHERE o.id = f.id AND o.published_at IS NULL AND o.failed_at IS NULL
                RETURNING o.run_id, f.reason
            ), by_reason AS (
                SELECT run_id, reason, count(*)::int AS n FROM marked GROUP BY run_id, reason
            ), counts AS (
                SELECT run_id, sum(n)::int AS n, jsonb_object_agg(reason, n) AS reasons FROM by_reason GROUP BY run_id
            )
            UPDATE ingest.runs r SET
                publish_failed = r.publish_failed + c.n,
                publish_failed_reasons = (
                    SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
                    FROM (SELECT key, sum(value::int) AS total
                          FROM (SELECT key, value FROM jsonb_each_text(r.publish_failed_reasons)
                                UNION ALL SELECT key, value FROM jsonb_each_text(c.reasons)) AS all_reasons
                          GROUP BY key) AS merged)
            FROM counts c WHERE r.id = c.run_id
            RETURNING r.id
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", refused.Select(r => r.Row.Id).ToArray());
        command.Parameters.AddWithValue("errors", refused.Select(r => KafkaProduceErrors.Describe(r.Error)).ToArray());
        command.Parameters.AddWithValue("reasons", refused.Select(r => KafkaProduceErrors.ReasonKey(r.Error)).ToArray());
        return await ReadIdsAsync(command, cancellationToken);
    }

    private static async Task<int> CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HashSet<Guid> runIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE ingest.runs SET status = @completed,
                -- clock_timestamp, not now(): this transaction may have begun before the run's fetch ended
                finished_at = clock_timestamp()
            WHERE id = ANY(@ids) AND status = @publishing AND published + publish_failed >= valid
            """, connection, transaction);
        command.Parameters.AddWithValue("ids", runIds.ToArray());
        command.Parameters.AddWithValue("publishing", RunStatus.Publishing);
        command.Parameters.AddWithValue("completed", RunStatus.Completed);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Guid>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetGuid(0));
        return ids;
    }
}
