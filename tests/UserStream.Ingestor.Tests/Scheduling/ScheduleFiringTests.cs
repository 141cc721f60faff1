using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Tests.Scheduling;

/// <summary>Firing cron slots in the ledger: once, however many ingestors try at the same moment.</summary>
public sealed class ScheduleFiringTests : LedgerDatabaseTests
{
    [Fact]
    public async Task A_schedule_seen_for_the_first_time_starts_now_and_keeps_its_start()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var first = await Ledger.ScheduleLastFiredAsync("cron", CancellationToken.None);
        Assert.InRange(first, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(first, await Ledger.ScheduleLastFiredAsync("cron", CancellationToken.None));
    }

    [Fact]
    public async Task Of_eight_ingestors_firing_the_same_slots_at_once_one_creates_their_runs_and_the_others_nothing()
    {
        var previous = await Ledger.ScheduleLastFiredAsync("cron", CancellationToken.None);
        DateTimeOffset[] slots = [previous.AddSeconds(1), previous.AddSeconds(2)];
        var ledgers = Enumerable.Range(0, 8).Select(_ => new RunLedger(Db)).ToList();

        var fired = await Task.WhenAll(ledgers.Select(l => l.TryFireScheduleAsync("cron", previous, slots[^1], slots, 5, 100, CancellationToken.None)));

        var winner = Assert.Single(fired, f => f is not null)!;
        Assert.Equal(slots, winner.Created.Select(r => r.ScheduledFor!.Value));
        Assert.All(winner.Created, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
        Assert.Equal(slots[^1], await Ledger.ScheduleLastFiredAsync("cron", CancellationToken.None));
        Assert.Equal(2, (await Ledger.ListAsync(200, new RunFilter(Trigger: RunTrigger.Schedule), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_slot_that_finds_the_queue_full_moves_the_schedule_on_and_is_counted()
    {
        for (var i = 0; i < 2; i++)
            await Ledger.CreateAsync(RunTrigger.Api, 5, $"waiting-{i}", CancellationToken.None);
        var previous = await Ledger.ScheduleLastFiredAsync("cron", CancellationToken.None);
        DateTimeOffset[] slots = [previous.AddSeconds(1)];

        var fired = await Ledger.TryFireScheduleAsync("cron", previous, slots[0], slots, 5, maxUnfinished: 2, CancellationToken.None);

        Assert.NotNull(fired);
        Assert.Empty(fired.Created);
        Assert.Equal(1, fired.QueueFull);
        Assert.Equal(slots[0], await Ledger.ScheduleLastFiredAsync("cron", CancellationToken.None));
    }
}
