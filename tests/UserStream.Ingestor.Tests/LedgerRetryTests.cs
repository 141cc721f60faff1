using Npgsql;
using UserStream.Ingestor;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>Ledger operations through PostgreSQL errors: transient ones waited out, permanent ones at once, a lost schema re-created.</summary>
public sealed class LedgerRetryTests : LedgerDatabaseTests
{
    private static readonly IngestionOptions Fast = new()
    {
        PostgresRetryDelay = TimeSpan.FromMilliseconds(10),
        PostgresMaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Transient_errors_are_retried_until_the_operation_succeeds()
    {
        var attempts = 0;
        var result = await Retry(Fast).ExecuteAsync("testing", _ =>
            ++attempts < 4 ? throw new NpgsqlException("Failed to connect", new TimeoutException()) : Task.FromResult(42), CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task A_permanent_error_is_thrown_at_the_first_attempt()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<PostgresException>(() => Retry(Fast).ExecuteAsync<int>("testing", _ =>
        {
            attempts++;
            throw new PostgresException("unique violation", "ERROR", "ERROR", "23505");
        }, CancellationToken.None));

        Assert.Equal("23505", error.SqlState);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task An_outage_longer_than_the_limit_fails_with_the_limit_and_the_last_error()
    {
        var options = new IngestionOptions
        {
            PostgresOutageLimit = TimeSpan.FromMilliseconds(300),
            PostgresRetryDelay = TimeSpan.FromMilliseconds(10),
            PostgresMaxRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        var attempts = 0;
        var error = await Assert.ThrowsAsync<LedgerUnavailableException>(() => Retry(options).ExecuteAsync<int>("recording page 3 of a run", _ =>
        {
            attempts++;
            throw new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P01");
        }, CancellationToken.None));

        Assert.True(attempts > 2, $"only {attempts} attempts");
        Assert.Contains("longer than the outage limit (00:00:00.3000000, Ingestion:PostgresOutageLimit)", error.Message);
        Assert.Contains("recording page 3 of a run", error.Message);
        Assert.Contains("shutting down", error.Message);
    }

    [Fact]
    public async Task A_schema_lost_with_the_servers_data_is_created_again_and_the_operation_goes_on()
    {
        var readiness = ReadyLedger();
        await using (var drop = Db.CreateCommand("DROP SCHEMA ingest CASCADE"))
            await drop.ExecuteNonQueryAsync();

        var run = await Retry(Fast, readiness).ExecuteAsync("creating a run", t => Ledger.CreateAsync(RunTrigger.Api, 5, "after-loss", t), CancellationToken.None);

        Assert.Equal(RunStatus.Queued, (await Ledger.GetAsync(run.Id, CancellationToken.None))!.Status);
        Assert.Equal("Healthy", (await readiness.CheckHealthAsync(new())).Status.ToString());
    }

    [Fact]
    public async Task A_missing_table_that_re_creating_the_schema_does_not_bring_back_is_not_retried_forever()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<PostgresException>(() => Retry(Fast).ExecuteAsync<int>("testing", _ =>
        {
            attempts++;
            throw new PostgresException("relation \"ingest.nothing\" does not exist", "ERROR", "ERROR", "42P01");
        }, CancellationToken.None));
        Assert.Equal(4, attempts); // the first, then one after each of the three re-creations
    }
}
