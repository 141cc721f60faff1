using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Tests;

/// <summary>The relay's queue, ingest.outbox_pending: filled by every insert into the outbox, and moved into from a ledger of the earlier shape.</summary>
public sealed class OutboxPendingTests : LedgerDatabaseTests
{
    [Fact]
    public async Task Every_row_inserted_unpublished_is_queued_and_rows_inserted_published_or_failed_are_not()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 9, "pending", CancellationToken.None);
        var pending = await InsertAsync(run.Id, 4, published: false, failed: false);
        await InsertAsync(run.Id, 3, published: true, failed: false);
        await InsertAsync(run.Id, 2, published: false, failed: true);

        Assert.Equal(pending.Order(), await PendingIdsAsync());
        Assert.Equal(4, await new OutboxStore(Db).CountPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_ledger_whose_queue_was_the_partial_index_moves_its_pending_rows_once_and_drops_the_index()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 6, "migrated", CancellationToken.None);
        // The earlier shape: no queue table, pending rows found through a partial index on the outbox.
        await ExecuteAsync("DROP TRIGGER outbox_enqueue ON ingest.outbox; DROP TABLE ingest.outbox_pending;" +
            "CREATE INDEX outbox_pending_idx ON ingest.outbox (id) WHERE published_at IS NULL AND failed_at IS NULL");
        var pending = await InsertAsync(run.Id, 4, published: false, failed: false);
        await InsertAsync(run.Id, 2, published: true, failed: false);

        await IngestLedgerSchema.EnsureAsync(Db, CancellationToken.None);
        await IngestLedgerSchema.EnsureAsync(Db, CancellationToken.None); // and again, as every start does: nothing moves twice

        Assert.Equal(pending.Order(), await PendingIdsAsync());
        await using (var index = Db.CreateCommand("SELECT count(*) FROM pg_indexes WHERE schemaname = 'ingest' AND indexname = 'outbox_pending_idx'"))
            Assert.Equal(0L, (long)(await index.ExecuteScalarAsync())!);
        await using var connection = await Db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await OutboxStore.ClaimAsync(connection, transaction, 100, CancellationToken.None);
        Assert.Equal(pending.Order(), claimed.Select(r => r.Id));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<long>> InsertAsync(Guid runId, int count, bool published, bool failed)
    {
        await using var command = Db.CreateCommand("""
            INSERT INTO ingest.outbox (run_id, message_key, payload, published_at, failed_at, error)
            SELECT @run, gen_random_uuid()::text, '\x7b7d'::bytea,
                   CASE WHEN @published THEN now() END, CASE WHEN @failed THEN now() END, CASE WHEN @failed THEN 'test' END
            FROM generate_series(1, @count)
            RETURNING id
            """);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("published", published);
        command.Parameters.AddWithValue("failed", failed);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    private async Task<List<long>> PendingIdsAsync()
    {
        await using var command = Db.CreateCommand("SELECT id FROM ingest.outbox_pending ORDER BY id");
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return ids;
    }
}
