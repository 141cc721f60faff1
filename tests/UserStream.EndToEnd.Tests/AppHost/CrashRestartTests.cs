using Aspire.Hosting.ApplicationModel;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>A service that crashes is started again by the AppHost, and the pipeline loses nothing over it.</summary>
[Collection(AppHostCollection.Name)]
public sealed class CrashRestartTests(AppHostFixture appHost)
{
    private const int Users = 10_000;

    [Fact]
    public async Task A_processor_killed_with_SIGKILL_mid_run_is_restarted_and_no_user_of_the_run_is_lost()
    {
        using var ingestor = appHost.Client("ingestor");
        using var api = appHost.Client("api");
        var killed = await appHost.ServiceProcessIdAsync("processor", "UserStream.Processor");

        var run = await PipelineApi.StartRunAsync(ingestor, Users, "crash-" + Guid.NewGuid().ToString("N"));
        // Kill it while the run's messages are on their way, not before and not after.
        await Eventually.ReturnsAsync(() => PipelineApi.CountUsersOfRunAsync(api, run), n => n > 0,
            TimeSpan.FromMinutes(3), "the processor storing the run's first users");
        LinuxProcesses.Signal(killed, "KILL");

        var restarted = await Eventually.ReturnsAsync(
            () => appHost.ServiceProcessIdAsync("processor", "UserStream.Processor"), pid => pid != killed,
            TimeSpan.FromMinutes(2), "a new processor process");
        Assert.False(LinuxProcesses.IsAlive(killed));
        await appHost.App.ResourceNotifications.WaitForResourceHealthyAsync("processor").WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(LinuxProcesses.IsAlive(restarted));

        await Eventually.ReturnsAsync(() => PipelineApi.CountUsersOfRunAsync(api, run), n => n == Users,
            TimeSpan.FromMinutes(4), $"all {Users} users of the run stored after the restart");
        var state = await appHost.CurrentStateAsync("processor");
        Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
    }
}
