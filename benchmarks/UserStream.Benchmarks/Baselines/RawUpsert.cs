using System.Diagnostics;
using Npgsql;
using UserStream.UserStore;
using UserStream.UserStore.Postgres;

namespace UserStream.Benchmarks.Baselines;

/// <summary>
/// Yardstick for the processor's writing side: the burst's stored rows, read back from the user store, upserted again
/// with <see cref="PostgresUserStore.UpsertAsync"/> into a fresh database on the same PostgreSQL server, one batch at a
/// time in the processor's batch size, as the processor does. Users/s over the upserts alone.
/// </summary>
public static class RawUpsert
{
    /// <summary>The processor's default Processor:BatchSize.</summary>
    private const int BatchSize = 1000;

    public static async Task<double> RunAsync(string connectionString, IReadOnlyList<Guid> runIds, long users)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var rows = await ReadRowsAsync(source, runIds, users);

        var database = $"userstream_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await ExecuteAsync(source, $"CREATE DATABASE {database}");
        try
        {
            var fresh = new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = true };
            await using var target = NpgsqlDataSource.Create(fresh.ConnectionString);
            var store = new PostgresUserStore(target);
            await store.EnsureSchemaAsync();
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

    /// <summary>The burst's users as the store holds them, walked page by page through the store's own API, keeping those of the burst's runs.</summary>
    private static async Task<List<StoredUser>> ReadRowsAsync(NpgsqlDataSource source, IReadOnlyList<Guid> runIds, long users)
    {
        var store = new PostgresUserStore(source);
        var burst = runIds.ToHashSet();
        var rows = new List<StoredUser>((int)users);
        string? token = null;
        do
        {
            var page = await store.ListAsync(5000, token);
            rows.AddRange(page.Items.Where(u => burst.Contains(u.RunId)));
            token = page.NextPageToken;
        }
        while (token is not null);
        return rows.Count > 0 ? rows : throw new InvalidOperationException("no stored users of the burst to upsert for the baseline");
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
