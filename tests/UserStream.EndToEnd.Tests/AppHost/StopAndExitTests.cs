using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>What the AppHost does when a service ends: restart it when nobody asked, leave it stopped when the dashboard did.</summary>
[Collection(AppHostCollection.Name)]
public sealed class StopAndExitTests(AppHostFixture appHost)
{
    [Fact]
    public async Task A_service_that_exits_with_code_0_without_being_asked_is_restarted_and_its_state_says_why()
    {
        var states = new ConcurrentQueue<string>();
        using var watching = new CancellationTokenSource();
        var watch = WatchStatesAsync("source", states, watching.Token);
        var exited = await appHost.ServiceProcessIdAsync("source", "UserStream.Source");

        // SIGTERM from outside the AppHost: .NET shuts down gracefully and the process exits with 0.
        LinuxProcesses.Signal(exited, "TERM");

        var restarted = await Eventually.ReturnsAsync(
            () => appHost.ServiceProcessIdAsync("source", "UserStream.Source"), pid => pid != exited,
            TimeSpan.FromMinutes(2), "a new source process");
        await appHost.App.ResourceNotifications.WaitForResourceHealthyAsync("source").WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(LinuxProcesses.IsAlive(restarted));
        watching.Cancel();
        await watch;
        Assert.Contains(states, s => s.StartsWith("Crashed (exit code 0): restarting in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_stopped_from_the_dashboard_stays_stopped_until_it_is_started()
    {
        var stopped = await appHost.App.ResourceCommands.ExecuteCommandAsync("source", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        try
        {
            await appHost.App.ResourceNotifications.WaitForResourceAsync("source", KnownResourceStates.Finished).WaitAsync(TimeSpan.FromMinutes(1));
            // Nothing must happen now; give a restart ten times the fixture's backoff (0.5 s) to show itself.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(KnownResourceStates.Finished, (await appHost.CurrentStateAsync("source")).Snapshot.State?.Text);
        }
        finally
        {
            var started = await appHost.App.ResourceCommands.ExecuteCommandAsync("source", KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
            await appHost.App.ResourceNotifications.WaitForResourceHealthyAsync("source").WaitAsync(TimeSpan.FromMinutes(2));
        }
    }

    private async Task WatchStatesAsync(string resource, ConcurrentQueue<string> states, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in appHost.App.ResourceNotifications.WatchAsync(cancellationToken))
                if (update.Resource.Name == resource && update.Snapshot.State?.Text is { } text)
                    states.Enqueue(text);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
