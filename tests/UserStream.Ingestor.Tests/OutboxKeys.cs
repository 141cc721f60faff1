using Npgsql;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>The message keys (user ids) a run has in the ingestor's outbox, duplicates included.</summary>
internal static class OutboxKeys
{
    public static async Task<List<string>> OfRunAsync(NpgsqlDataSource db, Guid runId)
    {
        await using var command = db.CreateCommand("SELECT message_key FROM ingest.outbox WHERE run_id = @run");
        command.Parameters.AddWithValue("run", runId);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }
}
