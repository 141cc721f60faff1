using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Tests.Scheduling;

/// <summary>Firing cron slots in the ledger: once, however many ingestors try at the same moment.</summary>
public sealed class ScheduleFiringTests : LedgerDatabaseTests
{
    private async Task<DateTimeOffset> LastFiredAsync() => (await new ScheduleState(Db).ReadCronAsync(CancellationToken.None)).LastFired;

    [Fact]
    public async Task Ingestors_pausing_at_the_same_moment_all_see_the_one_pause()
    {
        for (var round = 0; round < 5; round++)
        {
            var states = Enumerable.Range(0, 8).Select(_ => new ScheduleState(Db)).ToList();
            var pauses = await Task.WhenAll(states.Select(s => s.PauseAsync(CancellationToken.None)));
            Assert.Single(pauses.Distinct());
            Assert.True(await states[0].ResumeAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Ingestors_meeting_a_new_cron_schedule_at_the_same_moment_all_read_the_one_start()
    {
        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => new ScheduleState(Db).ReadCronAsync(CancellationToken.None)));
        Assert.Single(reads.Select(r => r.LastFired).Distinct());
    }

    [Fact]
    public async Task A_paused_schedule_fires_nothing_and_on_resume_starts_again_from_now()
    {
        var state = new ScheduleState(Db);
        var previous = await LastFiredAsync();
        var pausedAt = await state.PauseAsync(CancellationToken.None);
        Assert.Equal(pausedAt, await state.PauseAsync(CancellationToken.None)); // pausing twice keeps the first pause
        Assert.True((await state.ReadCronAsync(CancellationToken.None)).Paused);

        Assert.Null(await Ledger.TryFireScheduleAsync(previous, previous.AddSeconds(1), [previous.AddSeconds(1)], 5, 100, CancellationToken.None));
        Assert.False(await state.TryClaimIntervalSlotAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));

        Assert.True(await state.ResumeAsync(CancellationToken.None));
        Assert.False(await state.ResumeAsync(CancellationToken.None));
        var (restarted, paused) = await state.ReadCronAsync(CancellationToken.None);
        Assert.False(paused);
        Assert.True(restarted >= pausedAt, "the slots of the pause are not fired after it");
        Assert.True(await state.TryClaimIntervalSlotAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Empty(await Ledger.ListAsync(200, RunFilter.None, CancellationToken.None));
    }

    [Fact]
    public async Task A_schedule_seen_for_the_first_time_starts_now_and_keeps_its_start()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var first = await LastFiredAsync();
        Assert.InRange(first, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(first, await LastFiredAsync());
    }

    [Fact]
    public async Task Of_eight_ingestors_firing_the_same_slots_at_once_one_creates_their_runs_and_the_others_nothing()
    {
        var previous = await LastFiredAsync();
        DateTimeOffset[] slots = [previous.AddSeconds(1), previous.AddSeconds(2)];
        var ledgers = Enumerable.Range(0, 8).Select(_ => new RunLedger(Db)).ToList();

        var fired = await Task.WhenAll(ledgers.Select(l => l.TryFireScheduleAsync(previous, slots[^1], slots, 5, 100, CancellationToken.None)));

        var winner = Assert.Single(fired, f => f is not null)!;
        Assert.Equal(slots, winner.Created.Select(r => r.ScheduledFor!.Value));
        Assert.All(winner.Created, r => Assert.Equal(RunTrigger.Schedule, r.Trigger));
        Assert.Equal(slots[^1], await LastFiredAsync());
        Assert.Equal(2, (await Ledger.ListAsync(200, new RunFilter(Trigger: RunTrigger.Schedule), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_slot_that_finds_the_queue_full_moves_the_schedule_on_and_is_counted()
    {
        for (var i = 0; i < 2; i++)
            await Ledger.CreateAsync(RunTrigger.Api, 5, $"waiting-{i}", CancellationToken.None);
        var previous = await LastFiredAsync();
        DateTimeOffset[] slots = [previous.AddSeconds(1)];

        var fired = await Ledger.TryFireScheduleAsync(previous, slots[0], slots, 5, maxUnfinished: 2, CancellationToken.None);

        Assert.NotNull(fired);
        Assert.Empty(fired.Created);
        Assert.Equal(1, fired.QueueFull);
        Assert.Equal(slots[0], await LastFiredAsync());
    }
}
