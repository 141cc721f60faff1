using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>The local Kafka broker is its own process: freezing it stages an outage the pipeline must ride out.</summary>
[Collection(AppHostCollection.Name)]
public sealed class BrokerFreezeTests(AppHostFixture appHost)
{
    private const int Users = 5_000;

    [Fact]
    public async Task A_broker_frozen_with_SIGSTOP_for_20_seconds_during_a_run_loses_no_user_once_resumed()
    {
        using var ingestor = appHost.Client("ingestor");
        using var api = appHost.Client("api");
        var broker = await appHost.ProcessIdAsync("kafka");
        Assert.Contains("UserStream.EmbeddedKafka", LinuxProcesses.CommandLine(broker), StringComparison.Ordinal);

        var run = await PipelineApi.StartRunAsync(ingestor, Users, "freeze-" + Guid.NewGuid().ToString("N"));
        LinuxProcesses.Signal(broker, "STOP");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(20));
            // Nothing can have reached the store through a frozen broker beyond what was already in flight.
            Assert.True(await PipelineApi.CountUsersOfRunAsync(api, run) < Users);
        }
        finally
        {
            LinuxProcesses.Signal(broker, "CONT");
        }

        await Eventually.ReturnsAsync(() => PipelineApi.CountUsersOfRunAsync(api, run), n => n == Users,
            TimeSpan.FromMinutes(4), $"all {Users} users of the run stored after the broker resumed");
    }
}
