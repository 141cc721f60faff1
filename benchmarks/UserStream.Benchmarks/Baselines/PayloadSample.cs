using Npgsql;

namespace UserStream.Benchmarks.Baselines;

/// <summary>One users_created message exactly as the relay sent it: key, user-created/v1 JSON value, and the run's traceparent.</summary>
public sealed record SampleMessage(string Key, byte[] Value, string? TraceParent);

/// <summary>
/// The burst's own messages, read back from the outbox (the relay publishes these bytes unchanged), so the raw
/// baselines move the very payloads the pipeline moved.
/// </summary>
public static class PayloadSample
{
    public static async Task<List<SampleMessage>> ReadAsync(NpgsqlDataSource db, IReadOnlyList<Guid> runIds)
    {
        await using var command = db.CreateCommand("SELECT message_key, payload, traceparent FROM ingest.outbox WHERE run_id = ANY(@runs) ORDER BY id");
        command.Parameters.AddWithValue("runs", runIds.ToArray());
        var messages = new List<SampleMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            messages.Add(new SampleMessage(reader.GetString(0), (byte[])reader[1], reader.IsDBNull(2) ? null : reader.GetString(2)));
        if (messages.Count == 0)
            throw new InvalidOperationException("the burst left no messages in ingest.outbox to replay for the baselines");
        return messages;
    }
}
