using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>The ledger's guards: a run fails only from queued or fetching, and the queue limit holds across concurrent creators.</summary>
public sealed class RunLedgerGuardTests : LedgerDatabaseTests
{
    [Fact]
    public async Task A_run_is_failed_only_from_queued_or_fetching()
    {
        var queued = await Ledger.CreateAsync(RunTrigger.Api, 5, "q", CancellationToken.None);
        var fetching = await Ledger.CreateAsync(RunTrigger.Api, 5, "f", CancellationToken.None);
        await Ledger.MarkFetchingAsync(fetching.Id, CancellationToken.None);
        var publishing = await RunWithOneUnpublishedUserAsync("p");
        var completed = await Ledger.CreateAsync(RunTrigger.Api, 5, "c", CancellationToken.None);
        await Ledger.MarkFetchingAsync(completed.Id, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, await Ledger.FinishFetchingAsync(completed.Id, CancellationToken.None));

        Assert.True(await Ledger.FailAsync(queued.Id, "source down", CancellationToken.None));
        Assert.True(await Ledger.FailAsync(fetching.Id, "source down", CancellationToken.None));
        Assert.False(await Ledger.FailAsync(publishing.Id, "late failure", CancellationToken.None));
        Assert.False(await Ledger.FailAsync(completed.Id, "late failure", CancellationToken.None));
        Assert.False(await Ledger.FailAsync(queued.Id, "failed twice", CancellationToken.None));

        Assert.Equal((RunStatus.Failed, "source down"), await StatusAsync(queued.Id));
        Assert.Equal((RunStatus.Failed, "source down"), await StatusAsync(fetching.Id));
        Assert.Equal((RunStatus.Publishing, null), await StatusAsync(publishing.Id));
        Assert.Equal((RunStatus.Completed, null), await StatusAsync(completed.Id));
    }

    [Fact]
    public async Task No_more_than_the_limit_of_runs_are_queued_or_fetching_even_when_created_at_once()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Ledger.TryCreateAsync(RunTrigger.Schedule, 5, $"limit-{i}", maxUnfinished: 5, CancellationToken.None)));

        Assert.Equal(5, created.Count(r => r is not null));
        Assert.Equal(5, await Ledger.CountUnfinishedAsync(CancellationToken.None));

        // A run leaving fetching frees its place; finished runs do not count.
        var first = created.First(r => r is not null)!;
        await Ledger.MarkFetchingAsync(first.Id, CancellationToken.None);
        await Ledger.FinishFetchingAsync(first.Id, CancellationToken.None);
        Assert.NotNull(await Ledger.TryCreateAsync(RunTrigger.Api, 5, "freed", 5, CancellationToken.None));
        Assert.Null(await Ledger.TryCreateAsync(RunTrigger.Api, 5, "full-again", 5, CancellationToken.None));
    }

    private async Task<IngestionRun> RunWithOneUnpublishedUserAsync(string seed)
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 1, seed, CancellationToken.None);
        await Ledger.MarkFetchingAsync(run.Id, CancellationToken.None);
        var message = TestUsers.Message(runId: run.Id);
        var page = new RunPage(1, 1, 0, new Dictionary<string, int>(),
            [new UserStream.Ingestor.Ledger.OutboxMessage(message.User.Login!.Uuid!, TestUsers.Json(message), null, null)]);
        Assert.Equal(PageWrite.Written, await Ledger.RecordPageAsync(run.Id, page, CancellationToken.None));
        Assert.Equal(RunStatus.Publishing, await Ledger.FinishFetchingAsync(run.Id, CancellationToken.None));
        return run;
    }

    private async Task<(string Status, string? Error)> StatusAsync(Guid runId)
    {
        var run = (await Ledger.GetAsync(runId, CancellationToken.None))!;
        return (run.Status, run.Error);
    }
}
