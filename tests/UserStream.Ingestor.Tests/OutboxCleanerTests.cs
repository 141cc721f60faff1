using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>The outbox retention pass against a real PostgreSQL.</summary>
public sealed class OutboxCleanerTests : LedgerDatabaseTests
{
    [Fact]
    public async Task Rows_published_longer_ago_than_the_retention_are_deleted_and_every_other_row_is_kept()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 12, "retention", CancellationToken.None);
        var publishedLongAgo = await InsertAsync(run.Id, 5, createdAgo: TimeSpan.FromHours(3), publishedAgo: TimeSpan.FromHours(2));
        var publishedRecently = await InsertAsync(run.Id, 3, createdAgo: TimeSpan.FromHours(3), publishedAgo: TimeSpan.FromMinutes(10));
        var neverPublished = await InsertAsync(run.Id, 4, createdAgo: TimeSpan.FromDays(2), publishedAgo: null);

        var cleaner = Cleaner(new OutboxRetentionOptions { Retention = TimeSpan.FromHours(1), DeleteBatchSize = 2 });
        Assert.Equal(5, await cleaner.DeleteExpiredAsync(CancellationToken.None));

        var left = await OutboxIdsAsync();
        Assert.Equal(publishedRecently.Concat(neverPublished).Order(), left.Order());
        Assert.Empty(publishedLongAgo.Intersect(left));
        Assert.Equal(0, await cleaner.DeleteExpiredAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Rows_that_failed_longer_ago_than_the_retention_are_deleted_like_published_ones()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 6, "retention-failed", CancellationToken.None);
        var failedLongAgo = await InsertAsync(run.Id, 2, createdAgo: TimeSpan.FromHours(3), publishedAgo: null, failedAgo: TimeSpan.FromHours(2));
        var failedRecently = await InsertAsync(run.Id, 1, createdAgo: TimeSpan.FromHours(3), publishedAgo: null, failedAgo: TimeSpan.FromMinutes(5));
        var pending = await InsertAsync(run.Id, 3, createdAgo: TimeSpan.FromDays(1), publishedAgo: null);

        Assert.Equal(2, await Cleaner(new OutboxRetentionOptions { Retention = TimeSpan.FromHours(1) }).DeleteExpiredAsync(CancellationToken.None));

        var left = await OutboxIdsAsync();
        Assert.Equal(failedRecently.Concat(pending).Order(), left.Order());
        Assert.Empty(failedLongAgo.Intersect(left));
    }

    [Fact]
    public void Published_rows_are_kept_an_hour_by_default() =>
        Assert.Equal(TimeSpan.FromHours(1), new OutboxRetentionOptions().Retention);

    private OutboxCleaner Cleaner(OutboxRetentionOptions options)
    {
        var readiness = new LedgerReadiness();
        readiness.MarkReady();
        return new OutboxCleaner(Db, readiness, Retry(readiness: readiness), Options.Create(options), NullLogger<OutboxCleaner>.Instance);
    }

    private async Task<List<long>> InsertAsync(Guid runId, int count, TimeSpan createdAgo, TimeSpan? publishedAgo, TimeSpan? failedAgo = null)
    {
        await using var command = Db.CreateCommand("""
            INSERT INTO ingest.outbox (run_id, message_key, payload, created_at, published_at, failed_at, error)
            SELECT @run, gen_random_uuid()::text, '\x7b7d'::bytea, now() - @created, now() - @published, now() - @failed,
                   CASE WHEN @failed IS NOT NULL THEN 'MsgSizeTooLarge: test' END
            FROM generate_series(1, @count)
            RETURNING id
            """);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("created", createdAgo);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("published", NpgsqlTypes.NpgsqlDbType.Interval) { Value = (object?)publishedAgo ?? DBNull.Value });
        command.Parameters.Add(new Npgsql.NpgsqlParameter("failed", NpgsqlTypes.NpgsqlDbType.Interval) { Value = (object?)failedAgo ?? DBNull.Value });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    private async Task<List<long>> OutboxIdsAsync()
    {
        await using var command = Db.CreateCommand("SELECT id FROM ingest.outbox");
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetInt64(0));
        return ids;
    }
}
