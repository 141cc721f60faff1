using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;

namespace UserStream.Ingestor.Tests.Retries;

/// <summary>A failed attempt in the ledger: retrying with backoff while retries are left, failed after; failed runs queued again on request.</summary>
public sealed class RunRetryLedgerTests : LedgerDatabaseTests
{
    [Fact]
    public async Task A_run_is_retried_as_often_as_allowed_each_attempt_counted_and_then_failed_with_the_last_error()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 5, "retried", CancellationToken.None);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Ledger.MarkFetchingAsync(run.Id, CancellationToken.None);
            var failed = (await Ledger.FailAttemptAsync(run.Id, $"source down {attempt}", retries: 2, TimeSpan.Zero, TimeSpan.Zero, CancellationToken.None))!;

            Assert.Equal(attempt, failed.Attempt);
            Assert.Equal($"source down {attempt}", failed.Error);
            if (attempt == 3)
            {
                Assert.Equal(RunStatus.Failed, failed.Status);
                Assert.NotNull(failed.FinishedAt);
                break;
            }
            Assert.Equal(RunStatus.Retrying, failed.Status);
            Assert.Null(failed.FinishedAt);
            var claimed = Assert.Single(await Ledger.ClaimAbandonedAsync([], 10, CancellationToken.None));
            Assert.Equal((RunStatus.Queued, attempt + 1), (claimed.Status, claimed.Attempt));
        }
        Assert.Empty(await Ledger.ClaimAbandonedAsync([], 10, CancellationToken.None)); // a failed run is nobody's to take up
    }

    [Fact]
    public async Task A_retry_waits_its_delay_doubled_at_each_attempt_up_to_the_cap()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 5, "backoff", CancellationToken.None);
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var before = DateTimeOffset.UtcNow;
            var failed = (await Ledger.FailAttemptAsync(run.Id, "down", retries: 10, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), CancellationToken.None))!;
            delays.Add(failed.RetryAt!.Value - before);
            Assert.Empty(await Ledger.ClaimAbandonedAsync([], 10, CancellationToken.None)); // not due yet
            await using (var due = Db.CreateCommand($"UPDATE ingest.runs SET retry_at = now() WHERE id = '{run.Id}'"))
                await due.ExecuteNonQueryAsync();
            Assert.Single(await Ledger.ClaimAbandonedAsync([], 10, CancellationToken.None));
        }
        Assert.Equal([1, 2, 4, 5], delays.Select(d => (int)Math.Round(d.TotalMinutes)));
    }

    [Fact]
    public async Task Without_retries_a_failed_attempt_fails_the_run_at_once()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 5, "permanent", CancellationToken.None);
        var failed = (await Ledger.FailAttemptAsync(run.Id, "answered 404", retries: 0, TimeSpan.Zero, TimeSpan.Zero, CancellationToken.None))!;
        Assert.Equal((RunStatus.Failed, 1), (failed.Status, failed.Attempt));
    }

    [Fact]
    public async Task Retry_failed_runs_queues_every_failed_run_again_for_this_owner_and_leaves_the_others()
    {
        var failed = await Ledger.CreateAsync(RunTrigger.Api, 5, "to-retry", CancellationToken.None);
        await Ledger.FailAttemptAsync(failed.Id, "down", retries: 0, TimeSpan.Zero, TimeSpan.Zero, CancellationToken.None);
        var queued = await Ledger.CreateAsync(RunTrigger.Api, 5, "waiting", CancellationToken.None);

        var retried = Assert.Single(await Ledger.RetryFailedAsync(100, CancellationToken.None));

        Assert.Equal((failed.Id, RunStatus.Queued, 2), (retried.Id, retried.Status, retried.Attempt));
        Assert.Null(retried.FinishedAt);
        Assert.Empty(await Ledger.RetryFailedAsync(100, CancellationToken.None));
        Assert.Equal(RunStatus.Queued, (await Ledger.GetAsync(queued.Id, CancellationToken.None))!.Status);
        Assert.NotNull(await Ledger.MarkFetchingAsync(failed.Id, CancellationToken.None)); // claimed by this owner: it may fetch
    }

    [Theory]
    [InlineData(3, "00:00:30", "00:10:00", null)]
    [InlineData(-1, "00:00:30", "00:10:00", "Ingestion:Retries:Count")]
    [InlineData(21, "00:00:30", "00:10:00", "Ingestion:Retries:Count")]
    [InlineData(3, "-00:00:01", "00:10:00", "Ingestion:Retries:Delay")]
    [InlineData(3, "00:10:00", "00:00:30", "Ingestion:Retries:MaxDelay")]
    public void The_validator_names_each_bad_retry_setting(int count, string delay, string maxDelay, string? setting)
    {
        var result = new RunRetryOptionsValidator().Validate(null,
            new RunRetryOptions { Count = count, Delay = TimeSpan.Parse(delay), MaxDelay = TimeSpan.Parse(maxDelay) });
        if (setting is null)
            Assert.False(result.Failed, result.FailureMessage);
        else
            Assert.Contains(setting, Assert.IsType<string>(result.FailureMessage));
    }
}
