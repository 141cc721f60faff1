using System.Diagnostics;
using Npgsql;
using UserStream.UserStore;
using UserStream.UserStore.Postgres;

namespace UserStream.Benchmarks.Baselines;

/// <summary>
/// Yardstick for the processor's writing side: the users the processor stored alone, upserted again with
/// <see cref="PostgresUserStore.UpsertAsync"/>, in the order the processor received them (outbox order, so random key
/// order), one batch at a time in the processor's batch size, into the same kind of table: a fresh database on the same
/// PostgreSQL server whose store holds a copy of every user the store held before (vacuumed and analysed, as
/// autovacuum keeps the store). Users/s over the upserts alone.
/// </summary>
public static class RawUpsert
{
    /// <summary>The processor's default Processor:BatchSize.</summary>
    private const int BatchSize = 1000;

    public static async Task<double> RunAsync(string connectionString, Guid runId, IReadOnlyList<string> keysInOrder)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var rows = await ReadRowsAsync(source, runId, keysInOrder);

        var database = $"userstream_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(source, $"CREATE DATABASE {database}");
        try
        {
            var fresh = new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = true };
            await using var target = NpgsqlDataSource.Create(fresh.ConnectionString);
            var store = new PostgresUserStore(target);
            await store.EnsureSchemaAsync();
            var copied = await CopyStoreAsync(source, target, runId);
            await ExecuteAsync(target, "VACUUM ANALYZE user_stream.created_users");
            Console.WriteLine($"  [base  ] raw upsert into a copy of the store ({copied:N0} users), {rows.Count:N0} users in the processor's order");
            var clock = Stopwatch.StartNew();
            foreach (var batch in rows.Chunk(BatchSize))
                await store.UpsertAsync(batch);
            return rows.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await ExecuteAsync(source, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>The run's users as the store holds them (walked through the store's own API), in <paramref name="keysInOrder"/>'s order.</summary>
    private static async Task<List<StoredUser>> ReadRowsAsync(NpgsqlDataSource source, Guid runId, IReadOnlyList<string> keysInOrder)
    {
        var store = new PostgresUserStore(source);
        var rows = new Dictionary<Guid, StoredUser>(keysInOrder.Count);
        string? token = null;
        do
        {
            var page = await store.ListAsync(5000, token);
            foreach (var user in page.Items.Where(u => u.RunId == runId))
                rows[user.Id] = user;
            token = page.NextPageToken;
        }
        while (token is not null);
        if (rows.Count < keysInOrder.Count)
            throw new InvalidOperationException($"the store holds {rows.Count:N0} of the {keysInOrder.Count:N0} users of run {runId} to upsert for the baseline");
        return keysInOrder.Select(k => rows[Guid.Parse(k)]).ToList();
    }

    /// <summary>Every stored user but the run's, copied as they are (COPY out and in, binary): the table the processor wrote into.</summary>
    private static async Task<long> CopyStoreAsync(NpgsqlDataSource source, NpgsqlDataSource target, Guid runId)
    {
        await using var from = await source.OpenConnectionAsync();
        await using var to = await target.OpenConnectionAsync();
        await using (var export = await from.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM user_stream.created_users WHERE run_id <> '{runId:D}') TO STDOUT (FORMAT BINARY)"))
        await using (var import = await to.BeginRawBinaryCopyAsync("COPY user_stream.created_users FROM STDIN (FORMAT BINARY)"))
            await export.CopyToAsync(import);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM user_stream.created_users", to);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
