using Aspire.Hosting.ApplicationModel;
using UserStream.Hosting.CrashRestart;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

public sealed class CrashHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Restarts_back_off_doubling_and_stop_at_the_fifth_crash_within_two_minutes()
    {
        var history = new CrashHistory(new CrashRestartPolicy());

        var waits = Enumerable.Range(0, 4).Select(i => history.RecordCrash(Start.AddSeconds(i * 10))).ToList();

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], waits);
        Assert.Null(history.RecordCrash(Start.AddSeconds(50)));
    }

    [Fact]
    public void Crashes_older_than_the_window_no_longer_count()
    {
        var history = new CrashHistory(new CrashRestartPolicy { MaxCrashes = 3, Window = TimeSpan.FromMinutes(2) });
        history.RecordCrash(Start);
        history.RecordCrash(Start.AddSeconds(30));

        var wait = history.RecordCrash(Start.AddMinutes(3));

        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal(1, history.CrashesInWindow);
    }

    [Fact]
    public void The_backoff_never_exceeds_its_cap()
    {
        var history = new CrashHistory(new CrashRestartPolicy { MaxCrashes = 100, Backoff = TimeSpan.FromSeconds(10), MaxBackoff = TimeSpan.FromSeconds(30) });

        var waits = Enumerable.Range(0, 5).Select(i => history.RecordCrash(Start.AddSeconds(i))).ToList();

        Assert.Equal(TimeSpan.FromSeconds(30), waits[^1]);
    }

    [Theory]
    [InlineData("Running", "Exited", true)]
    [InlineData("Starting", "FailedToStart", true)]
    [InlineData("Running", "Finished", true)] // ended on its own (killed, or returned 0 after its loop died): down all the same
    [InlineData("Stopping", "Finished", false)] // the dashboard's Stop: Running → Stopping → Finished
    [InlineData("Finished", "Finished", false)] // the same crash published again
    [InlineData("Running", "Running", false)]
    public void A_crash_is_leaving_a_running_state_for_an_end_state_without_a_stop_being_asked_for(string previous, string current, bool crash)
    {
        Assert.Equal(crash, CrashRestarter.IsCrash(previous, current));
    }
}
