using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserStream.Ingestor;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Runs;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>Runs claimed in the ledger with a lease: a run without a live lease has no worker and is taken up by a sweep.</summary>
public sealed class RunClaimTests : LedgerDatabaseTests
{
    [Fact]
    public async Task A_run_held_under_a_live_lease_is_left_alone_and_taken_up_once_the_lease_runs_out()
    {
        var first = new RunLedger(Db, RunOwner.New(TimeSpan.FromSeconds(2)));
        var second = new RunLedger(Db, RunOwner.New(TimeSpan.FromSeconds(30)));
        var run = await first.CreateAsync(RunTrigger.Api, 10, "leased", CancellationToken.None);
        Assert.NotNull(await first.MarkFetchingAsync(run.Id, CancellationToken.None));

        Assert.Empty(await second.ClaimAbandonedAsync([], 10, CancellationToken.None));
        Assert.Null(await second.MarkFetchingAsync(run.Id, CancellationToken.None));

        // The first owner stops renewing (it died): once its lease has run out the run is the second's.
        var claimed = await Eventually.ReturnsAsync(() => second.ClaimAbandonedAsync([], 10, CancellationToken.None), c => c.Count > 0,
            TimeSpan.FromSeconds(20), "the run claimed after its lease ran out");
        Assert.Equal(run.Id, Assert.Single(claimed).Id);
        Assert.Equal(RunStatus.Fetching, claimed[0].Status);
        Assert.Empty(await first.RenewLeasesAsync([run.Id], CancellationToken.None));
        Assert.Null(await first.MarkFetchingAsync(run.Id, CancellationToken.None));
        Assert.NotNull(await second.MarkFetchingAsync(run.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Renewed_leases_keep_a_run_and_released_ones_free_it_at_once()
    {
        var first = new RunLedger(Db, RunOwner.New(TimeSpan.FromSeconds(30)));
        var second = new RunLedger(Db, RunOwner.New(TimeSpan.FromSeconds(30)));
        var run = await first.CreateAsync(RunTrigger.Api, 10, "renewed", CancellationToken.None);

        Assert.Equal([run.Id], await first.RenewLeasesAsync([run.Id], CancellationToken.None));
        Assert.Empty(await second.ClaimAbandonedAsync([], 10, CancellationToken.None));

        await first.ReleaseLeasesAsync([run.Id], CancellationToken.None);
        Assert.Equal(run.Id, Assert.Single(await second.ClaimAbandonedAsync([], 10, CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Two_sweeps_at_once_claim_each_abandoned_run_once()
    {
        var creator = new RunLedger(Db, RunOwner.New());
        var runs = new List<Guid>();
        for (var i = 0; i < 20; i++)
            runs.Add((await creator.CreateAsync(RunTrigger.Api, 10, $"abandoned-{i}", CancellationToken.None)).Id);
        await creator.ReleaseLeasesAsync(runs, CancellationToken.None);

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            new RunLedger(Db, RunOwner.New()).ClaimAbandonedAsync([], 100, CancellationToken.None)));

        var claimed = sweeps.SelectMany(s => s.Select(r => r.Id)).ToList();
        Assert.Equal(runs.Order(), claimed.Order());
    }

    [Fact]
    public async Task The_sweep_queues_runs_left_without_a_worker_and_not_those_this_process_holds()
    {
        var owner = RunOwner.New(TimeSpan.FromSeconds(30));
        var ledger = new RunLedger(Db, owner);
        var queue = new RunQueue();
        var sweeper = new RunSweeper(ledger, queue, ReadyLedger(), Retry(), Options.Create(new IngestionOptions()), NullLogger<RunSweeper>.Instance);

        var held = await ledger.CreateAsync(RunTrigger.Api, 10, "held", CancellationToken.None);
        Assert.True(queue.Enqueue(new RunRequest(held, default)));
        var lost = await ledger.CreateAsync(RunTrigger.Api, 10, "lost", CancellationToken.None); // created, never queued: lost from memory
        await using (var expire = Db.CreateCommand("UPDATE ingest.runs SET lease_until = now() - interval '1 second'"))
            await expire.ExecuteNonQueryAsync(); // both leases ran out (a PostgreSQL outage longer than the lease): the held one is renewed

        Assert.Equal(1, await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Equal([held.Id, lost.Id], queue.Held.Order());
        Assert.Equal(0, await sweeper.SweepOnceAsync(CancellationToken.None)); // both held now, both leases live
    }
}
