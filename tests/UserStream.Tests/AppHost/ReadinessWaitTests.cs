using UserStream.AppHost.Orchestration;

namespace UserStream.Tests.AppHost;

public class ReadinessWaitTests
{
    private sealed class ScriptedProbe(int failuresBeforeReady) : IReadinessProbe
    {
        public int Calls { get; private set; }

        public string Description => "scripted";

        public Task CheckAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Calls > failuresBeforeReady
                ? Task.CompletedTask
                : Task.FromException(new InvalidOperationException($"not yet ({Calls})"));
        }
    }

    [Fact]
    public async Task Ready_once_the_probe_passes()
    {
        var probe = new ScriptedProbe(failuresBeforeReady: 3);

        var outcome = await ReadinessWait.UntilReadyAsync(probe, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5), CancellationToken.None);

        Assert.True(outcome.IsReady);
        Assert.Equal(4, outcome.Attempts);
        Assert.Equal(4, probe.Calls);
    }

    [Fact]
    public async Task Not_ready_after_the_timeout_with_the_last_failure_as_the_reason()
    {
        var probe = new ScriptedProbe(failuresBeforeReady: int.MaxValue);

        var outcome = await ReadinessWait.UntilReadyAsync(probe, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), CancellationToken.None);

        Assert.False(outcome.IsReady);
        Assert.True(outcome.Attempts > 1);
        Assert.Equal($"scripted: not yet ({probe.Calls})", outcome.LastError);
    }

    [Fact]
    public async Task Gives_up_early_when_told_why_waiting_is_pointless()
    {
        var probe = new ScriptedProbe(failuresBeforeReady: int.MaxValue);

        var outcome = await ReadinessWait.UntilReadyAsync(probe, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(5), CancellationToken.None,
            giveUpReason: () => probe.Calls >= 2 ? "the process exited with code 3" : null);

        Assert.False(outcome.IsReady);
        Assert.Equal(2, outcome.Attempts);
        Assert.StartsWith("the process exited with code 3", outcome.LastError);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ReadinessWait.UntilReadyAsync(new ScriptedProbe(int.MaxValue), TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(10), cancel.Token));
    }

    [Fact]
    public async Task Sequential_probe_names_the_step_that_failed()
    {
        var probe = new SequentialProbe(new ScriptedProbe(0), new ScriptedProbe(int.MaxValue));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => probe.CheckAsync(CancellationToken.None));

        Assert.Equal("scripted: not yet (1)", error.Message);
    }
}
