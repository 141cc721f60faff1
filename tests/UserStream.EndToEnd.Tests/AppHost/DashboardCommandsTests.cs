using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// The dashboard's commands, invoked as the dashboard invokes them: through the AppHost's resource command service,
/// with the inputs the operator fills in.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed partial class DashboardCommandsTests(AppHostFixture appHost)
{
    [Fact]
    public async Task Start_a_run_on_an_ingestor_replica_asks_for_users_and_seed_and_the_run_completes_with_its_users_stored()
    {
        var replica = (await appHost.ReplicasAsync("ingestor")).Last().ResourceId;
        var seed = "command-" + Guid.NewGuid().ToString("N");

        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync(replica, RunCommandExtensions.StartRunCommand, Inputs("150", seed));

        Assert.True(result.Success, result.Message);
        var started = StartedMessage().Match(result.Message ?? "");
        Assert.True(started.Success, $"the result names the run, its users and seed; got '{result.Message}'");
        Assert.Equal("150", started.Groups["users"].Value);
        Assert.Equal(seed, started.Groups["seed"].Value);
        var runId = started.Groups["id"].Value;

        using var ingestor = appHost.Client("ingestor");
        var run = await Eventually.ReturnsAsync(() => PipelineApi.RunAsync(ingestor, runId),
            r => r.GetProperty("status").GetString() == "completed", TimeSpan.FromMinutes(2), $"run {runId} completed");
        Assert.Equal("api", run.GetProperty("trigger").GetString());
        Assert.Equal(seed, run.GetProperty("seed").GetString());
        Assert.Equal(150, run.GetProperty("published").GetInt32());
        await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, runId), n => n == 150, TimeSpan.FromMinutes(2), "the run's 150 users stored");
    }

    [Theory]
    [InlineData("0", "count must be between 1 and")]
    [InlineData("many", "count must be a whole number")]
    public async Task Start_a_run_with_a_bad_count_fails_with_the_services_message_naming_the_field_and_starts_nothing(string count, string message)
    {
        var seed = "bad-command-" + Guid.NewGuid().ToString("N");

        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync("ingestor", RunCommandExtensions.StartRunCommand, Inputs(count, seed));

        Assert.False(result.Success, $"a count of '{count}' was accepted: {result.Message}");
        Assert.StartsWith("400 Bad Request: ", result.Message);
        Assert.Contains(message, result.Message);
        using var ingestor = appHost.Client("ingestor");
        var runs = await ingestor.GetStringAsync("/runs?limit=200");
        Assert.DoesNotContain(seed, runs);
    }

    private static InteractionInputCollection Inputs(string count, string seed) => new(
    [
        new InteractionInput { Name = "count", InputType = InputType.Number, Value = count },
        new InteractionInput { Name = "seed", InputType = InputType.Text, Value = seed },
    ]);

    [GeneratedRegex("^Run (?<id>[0-9a-f-]{36}) started: (?<users>[0-9]+) users, seed (?<seed>.+)$")]
    private static partial Regex StartedMessage();
}
