using UserStream.Testing;

namespace UserStream.ServiceDefaults.Tests;

/// <summary>A real service process (tests/UserStream.FailingService, built on ServiceDefaults) whose background loop throws.</summary>
public sealed class BackgroundServiceFailureExitTests
{
    [Fact]
    public async Task A_service_whose_background_loop_throws_exits_non_zero_and_logs_which_service_failed()
    {
        await using var service = await ServiceProcess.StartTestServiceAsync("FailingService", new Dictionary<string, string>
        {
            ["FailingLoop__AfterMilliseconds"] = "1500",
        });

        await service.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(70, service.ExitCode);
        Assert.Contains("Background service UserStream.FailingService.FailingLoop failed; the process stops with exit code 70", service.Output);
        Assert.Contains("the failing loop failed, as asked", service.Output);
    }

    [Fact]
    public async Task The_same_service_asked_to_stop_exits_zero()
    {
        await using var service = await ServiceProcess.StartTestServiceAsync("FailingService", new Dictionary<string, string>
        {
            ["FailingLoop__Fail"] = "false",
            ["FailingLoop__AfterMilliseconds"] = "0",
        });

        service.Signal("TERM");
        await service.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, service.ExitCode);
        Assert.DoesNotContain("failed; the process stops", service.Output);
    }
}
