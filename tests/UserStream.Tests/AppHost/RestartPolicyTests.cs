using UserStream.AppHost.Orchestration;

namespace UserStream.Tests.AppHost;

public class RestartPolicyTests
{
    private static readonly RestartPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), MaxCrashes: 5, Window: TimeSpan.FromMinutes(2));
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delay_doubles_with_each_recent_crash()
    {
        var history = new CrashHistory(Policy);

        var delays = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
            delays.Add(history.RecordCrash(Start.AddSeconds(i)).Delay);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], delays);
    }

    [Fact]
    public void Delay_is_capped()
    {
        var history = new CrashHistory(Policy with { MaxCrashes = 100 });

        RestartDecision? last = null;
        for (var i = 0; i < 8; i++)
            last = history.RecordCrash(Start.AddSeconds(i));

        Assert.Equal(TimeSpan.FromSeconds(10), last!.Delay);
    }

    [Fact]
    public void Gives_up_when_it_crashes_too_often_within_the_window()
    {
        var history = new CrashHistory(Policy);
        for (var i = 0; i < 4; i++)
            Assert.False(history.RecordCrash(Start.AddSeconds(i * 10)).GiveUp);

        var fifth = history.RecordCrash(Start.AddSeconds(40));

        Assert.True(fifth.GiveUp);
        Assert.Equal(5, fifth.CrashesInWindow);
    }

    [Fact]
    public void Crashes_older_than_the_window_are_forgotten()
    {
        var history = new CrashHistory(Policy);
        for (var i = 0; i < 4; i++)
            history.RecordCrash(Start.AddSeconds(i));

        var muchLater = history.RecordCrash(Start.AddMinutes(10));

        Assert.False(muchLater.GiveUp);
        Assert.Equal(1, muchLater.CrashesInWindow);
        Assert.Equal(TimeSpan.FromSeconds(1), muchLater.Delay);
    }
}
