using UserStream.ServiceDefaults.Metrics;

namespace UserStream.ServiceDefaults.Tests;

public sealed class TrailingRateTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_rate_is_what_the_last_ten_complete_seconds_held_per_second()
    {
        var clock = new ManualClock(Start);
        var rate = new TrailingRate(clock);
        for (var second = 0; second < 10; second++)
        {
            clock.Now = Start.AddSeconds(second).AddMilliseconds(500);
            rate.Add(30);
        }
        // Still inside the tenth second: nine complete seconds of 30, the tenth not yet counted.
        Assert.Equal(27.0, rate.PerSecond());
        clock.Now = Start.AddSeconds(10);
        Assert.Equal(30.0, rate.PerSecond());
    }

    [Fact]
    public void Seconds_older_than_the_window_no_longer_count_and_their_slots_are_reused()
    {
        var clock = new ManualClock(Start);
        var rate = new TrailingRate(clock);
        rate.Add(100);
        clock.Now = Start.AddSeconds(1);
        Assert.Equal(10.0, rate.PerSecond());
        clock.Now = Start.AddSeconds(TrailingRate.WindowSeconds + 1);
        Assert.Equal(0.0, rate.PerSecond());
        // The same ring slot as the first second: its old count must not add to the new one.
        clock.Now = Start.AddSeconds(TrailingRate.WindowSeconds + 1);
        rate.Add(20);
        clock.Now = Start.AddSeconds(TrailingRate.WindowSeconds + 2);
        Assert.Equal(2.0, rate.PerSecond());
    }

    [Fact]
    public void Nothing_added_reads_zero_and_non_positive_counts_are_ignored()
    {
        var rate = new TrailingRate(new ManualClock(Start));
        rate.Add(0);
        rate.Add(-5);
        Assert.Equal(0.0, rate.PerSecond());
    }
}
