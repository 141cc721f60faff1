using System.Diagnostics;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Npgsql;
using NpgsqlTypes;
using UserStream.Benchmarks.Baselines;

namespace UserStream.Benchmarks;

/// <summary>
/// What the relay and the processor each do with nothing else running, from the work fully queued in front of them.
/// <see cref="Messages"/> are the users both drained, in outbox order; <see cref="StartOffsets"/> are where they begin
/// on users_created, per partition, so the raw consume reads the very same messages.
/// </summary>
public sealed record StagesAloneResult(double RelayPerSecond, double ProcessorPerSecond, Guid RunId,
    IReadOnlyList<SampleMessage> Messages, IReadOnlyDictionary<int, long> StartOffsets, long StoreRowsBefore);

/// <summary>
/// The stages measured alone, on the pipeline the AppHost started (issue 21):
/// <list type="number">
/// <item>Every processor replica's consumption is paused (its dashboard command), so only the relay works.</item>
/// <item>The relay: one transaction writes a run in state <c>publishing</c> and its users to the outbox (COPY, as the
/// ingestor writes a page), so they are all pending at once. The relay's rate is users over the span from that
/// transaction's commit to the commit of the relay's last mark (<c>pg_xact_commit_timestamp</c>).</item>
/// <item>The processor: consumption is resumed with all of them waiting on users_created and a store already holding
/// the earlier phases' users. Its rate is users over the span from the resume to the commit of its last store write.</item>
/// </list>
/// The users are the burst's payloads with new ids (random UUIDs, so the store receives them in random key order),
/// this run's id and a fresh ingestion time, so they are inserts like any new user's.
/// </summary>
public static class StagesAlone
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<StagesAloneResult> RunAsync(AppHostProcess appHost, NpgsqlDataSource db, GroupProgress group,
        IReadOnlyList<SampleMessage> templates, int users, string seed)
    {
        var runId = Guid.NewGuid();
        var messages = FreshUsers(templates, runId, users);
        var progress = new ProgressLine("alone");
        await appHost.ExecuteCommandAsync("processor", ProcessorCommandExtensions.PauseCommand);
        try
        {
            var startOffsets = await group.HighWatermarksAsync();
            var relayStart = await WriteOutboxAsync(db, runId, seed, messages);
            progress.Print($"{messages.Count:N0} users in the outbox at once; the relay drains them, consumption paused");
            await WaitRunCompletedAsync(db, runId);
            var relayEnd = await ScalarAsync<DateTime>(db, "SELECT max(pg_xact_commit_timestamp(xmin)) FROM ingest.outbox WHERE run_id = @run", runId);
            var relay = messages.Count / (relayEnd - relayStart).TotalSeconds;
            progress.Print($"relay alone {relay:N0}/s; the store holds the earlier phases' users; consumption resumed");

            var storeRowsBefore = await ScalarAsync<long>(db, "SELECT count(*) FROM user_stream.created_users", runId);
            var processorStart = await ScalarAsync<DateTime>(db, "SELECT clock_timestamp()", runId);
            await appHost.ExecuteCommandAsync("processor", ProcessorCommandExtensions.ResumeCommand);
            await WaitStoredAsync(db, group, runId, messages.Count);
            var processorEnd = await ScalarAsync<DateTime>(db, "SELECT max(pg_xact_commit_timestamp(xmin)) FROM user_stream.created_users WHERE run_id = @run", runId);
            var processor = messages.Count / (processorEnd - processorStart).TotalSeconds;
            progress.Print($"processor alone {processor:N0}/s into a store of {storeRowsBefore:N0} users");
            return new StagesAloneResult(relay, processor, runId, messages, startOffsets, storeRowsBefore);
        }
        finally
        {
            await appHost.ExecuteCommandAsync("processor", ProcessorCommandExtensions.ResumeCommand); // idempotent
        }
    }

    /// <summary><paramref name="count"/> users made from the templates in turn, each with a new random id (key and login.uuid).</summary>
    private static List<SampleMessage> FreshUsers(IReadOnlyList<SampleMessage> templates, Guid runId, int count)
    {
        var ingestedAt = DateTimeOffset.UtcNow.ToString("O");
        var traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
        var messages = new List<SampleMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var value = JsonNode.Parse(templates[i % templates.Count].Value)!.AsObject();
            var id = Guid.NewGuid().ToString("D");
            value["runId"] = runId.ToString("D");
            value["ingestedAt"] = ingestedAt;
            value["user"]!["login"]!["uuid"] = id;
            messages.Add(new SampleMessage(id, System.Text.Encoding.UTF8.GetBytes(value.ToJsonString()), traceParent));
        }
        return messages;
    }

    /// <summary>The run and all its users in one transaction; returns that transaction's commit time.</summary>
    private static async Task<DateTime> WriteOutboxAsync(NpgsqlDataSource db, Guid runId, string seed, IReadOnlyList<SampleMessage> messages)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var run = new NpgsqlCommand("""
            INSERT INTO ingest.runs (id, trigger, seed, requested, fetched, valid, status, started_at, fetched_at)
            VALUES (@run, 'api', @seed, @count, @count, @count, 'publishing', now(), now())
            """, connection, transaction))
        {
            run.Parameters.AddWithValue("run", runId);
            run.Parameters.AddWithValue("seed", seed);
            run.Parameters.AddWithValue("count", messages.Count);
            await run.ExecuteNonQueryAsync();
        }
        await using (var import = await connection.BeginBinaryImportAsync("COPY ingest.outbox (run_id, message_key, payload, traceparent) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var message in messages)
            {
                await import.StartRowAsync();
                await import.WriteAsync(runId, NpgsqlDbType.Uuid);
                await import.WriteAsync(message.Key, NpgsqlDbType.Text);
                await import.WriteAsync(message.Value, NpgsqlDbType.Bytea);
                await import.WriteAsync(message.TraceParent, NpgsqlDbType.Text);
            }
            await import.CompleteAsync();
        }
        long xid;
        await using (var current = new NpgsqlCommand("SELECT txid_current() % 4294967296", connection, transaction))
            xid = (long)(await current.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        await using var committed = new NpgsqlCommand("SELECT pg_xact_commit_timestamp(@xid::text::xid)", connection);
        committed.Parameters.AddWithValue("xid", xid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return DateTime.SpecifyKind((DateTime)(await committed.ExecuteScalarAsync())!, DateTimeKind.Utc);
    }

    /// <summary>Asks the run ledger, by key, until the relay has marked every user of the run (the run completes).</summary>
    private static async Task WaitRunCompletedAsync(NpgsqlDataSource db, Guid runId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var command = db.CreateCommand("SELECT status, published, publish_failed FROM ingest.runs WHERE id = @run");
            command.Parameters.AddWithValue("run", runId);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (status, published, failed) = (reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2));
            if (failed > 0)
                throw new InvalidOperationException($"the broker refused {failed:N0} of the relay's messages (see GET /runs/{runId})");
            if (status == "completed")
                return;
            if (deadline.Elapsed > Timeout)
                throw new TimeoutException($"the relay published {published:N0} users of the pre-filled outbox in {Timeout.TotalMinutes:N0} minutes");
            await Task.Delay(Poll);
        }
    }

    /// <summary>Asks the broker until the group has nothing left, then confirms once in the store.</summary>
    private static async Task WaitStoredAsync(NpgsqlDataSource db, GroupProgress group, Guid runId, long expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (_, lag) = await group.ReadAsync();
            if (lag == 0 && await ScalarAsync<long>(db, "SELECT count(*) FROM user_stream.created_users WHERE run_id = @run", runId) >= expected)
                return;
            if (deadline.Elapsed > Timeout)
                throw new TimeoutException($"the processor left {lag:N0} messages unconsumed after {Timeout.TotalMinutes:N0} minutes");
            await Task.Delay(Poll);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, Guid runId)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("run", runId);
        var value = await command.ExecuteScalarAsync();
        return value is DateTime at ? (T)(object)DateTime.SpecifyKind(at, DateTimeKind.Utc) : (T)value!;
    }
}
