using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
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

        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync(replica, IngestorCommandExtensions.StartRunCommand, Inputs("150", seed));

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

    [Fact]
    public async Task Start_a_run_with_a_count_out_of_range_fails_with_the_services_message_naming_the_field_and_starts_nothing()
    {
        var seed = "bad-command-" + Guid.NewGuid().ToString("N");
        var replica = (await appHost.ReplicasAsync("ingestor")).First().ResourceId;

        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync(replica, IngestorCommandExtensions.StartRunCommand, Inputs("0", seed));

        Assert.False(result.Success, $"a count of 0 was accepted: {result.Message}");
        Assert.StartsWith("400 Bad Request: count must be between 1 and", result.Message);
        await AssertNoRunAsync(seed);
    }

    [Fact]
    public async Task Start_a_run_with_a_count_that_is_not_a_number_is_refused_before_anything_is_sent()
    {
        var seed = "not-a-number-" + Guid.NewGuid().ToString("N");
        var replica = (await appHost.ReplicasAsync("ingestor")).First().ResourceId;

        // Aspire checks a Number input itself (the dashboard shows the error beside the field).
        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync(replica, IngestorCommandExtensions.StartRunCommand, Inputs("many", seed));

        Assert.False(result.Success, $"a count of 'many' was accepted: {result.Message}");
        await AssertNoRunAsync(seed);
    }

    private async Task AssertNoRunAsync(string seed)
    {
        using var ingestor = appHost.Client("ingestor");
        Assert.DoesNotContain(seed, await ingestor.GetStringAsync("/runs?limit=200"));
    }

    [Fact]
    public async Task Pause_consumption_on_every_processor_stores_nothing_while_the_lag_grows_and_resume_drains_it()
    {
        const int users = 2_000;
        var processor = appHost.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "processor");
        var replicas = new List<HttpClient>();
        foreach (var replica in await appHost.ReplicasAsync("processor"))
            replicas.Add(await appHost.ReplicaClientAsync(replica.ResourceId));

        var paused = await appHost.App.ResourceCommands.ExecuteCommandAsync(processor, ProcessorCommandExtensions.PauseCommand);
        Assert.True(paused.Success, paused.Message);
        try
        {
            // The pause has taken effect when the command answers: every loop has stopped, nothing more is stored.
            foreach (var replica in replicas)
            {
                var state = await replica.GetFromJsonAsync<JsonElement>("/consumption");
                Assert.True(state.GetProperty("paused").GetBoolean());
                Assert.True(state.GetProperty("holding").GetBoolean(), state.ToString());
            }

            using var ingestor = appHost.Client("ingestor");
            var runId = await PipelineApi.StartRunAsync(ingestor, users, "paused-" + Guid.NewGuid().ToString("N"));
            await Eventually.ReturnsAsync(() => PipelineApi.RunAsync(ingestor, runId), r => r.GetProperty("status").GetString() == "completed",
                TimeSpan.FromMinutes(2), $"run {runId} on the broker");
            // The lag, measured at the broker by the paused replicas, grows to the run's users; none is stored.
            await Eventually.ReturnsAsync(() => LagAsync(replicas), lag => lag >= users, TimeSpan.FromSeconds(60), $"a lag of at least {users}");
            await Task.Delay(TimeSpan.FromSeconds(3)); // the pause goes on a while longer
            Assert.Equal(0, await PipelineDatabase.CountStoredAsync(appHost, runId));
            foreach (var replica in replicas)
                Assert.Contains("paused by the operator", await replica.GetStringAsync("/health"));

            var resumed = await appHost.App.ResourceCommands.ExecuteCommandAsync(processor, ProcessorCommandExtensions.ResumeCommand);
            Assert.True(resumed.Success, resumed.Message);
            await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, runId), n => n == users, TimeSpan.FromMinutes(2), $"the run's {users} users stored after resuming");
            await Eventually.ReturnsAsync(() => LagAsync(replicas), lag => lag == 0, TimeSpan.FromSeconds(60), "the lag drained");
        }
        finally
        {
            await appHost.App.ResourceCommands.ExecuteCommandAsync(processor, ProcessorCommandExtensions.ResumeCommand);
            foreach (var replica in replicas)
                replica.Dispose();
        }
    }

    [Fact]
    public async Task Pause_schedule_and_Resume_schedule_on_the_ingestor_pause_and_resume_the_schedule_of_every_replica()
    {
        var ingestor = appHost.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "ingestor");
        var replicas = new List<HttpClient>();
        foreach (var replica in await appHost.ReplicasAsync("ingestor"))
            replicas.Add(await appHost.ReplicaClientAsync(replica.ResourceId));
        try
        {
            var paused = await appHost.App.ResourceCommands.ExecuteCommandAsync(ingestor, IngestorCommandExtensions.PauseScheduleCommand);
            Assert.True(paused.Success, paused.Message);
            foreach (var replica in replicas)
                Assert.True((await replica.GetFromJsonAsync<JsonElement>("/schedule")).GetProperty("paused").GetBoolean());

            var resumed = await appHost.App.ResourceCommands.ExecuteCommandAsync(ingestor, IngestorCommandExtensions.ResumeScheduleCommand);
            Assert.True(resumed.Success, resumed.Message);
            foreach (var replica in replicas)
                Assert.False((await replica.GetFromJsonAsync<JsonElement>("/schedule")).GetProperty("paused").GetBoolean());
        }
        finally
        {
            await appHost.App.ResourceCommands.ExecuteCommandAsync(ingestor, IngestorCommandExtensions.ResumeScheduleCommand);
            foreach (var replica in replicas)
                replica.Dispose();
        }
    }

    [Fact]
    public async Task Retry_failed_runs_answers_how_many_failed_runs_it_queued_again()
    {
        var replica = (await appHost.ReplicasAsync("ingestor")).First().ResourceId;

        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync(replica, IngestorCommandExtensions.RetryFailedCommand);

        Assert.True(result.Success, result.Message);
        Assert.Matches("^(No failed run to retry|1 failed run queued again|[0-9]+ failed runs queued again)$", result.Message ?? "");
    }

    [Fact]
    public async Task Replay_dead_letters_on_one_processor_replica_answers_how_many_it_replayed()
    {
        var replica = (await appHost.ReplicasAsync("processor")).First().ResourceId;
        var inputs = new InteractionInputCollection(
        [
            new InteractionInput { Name = "reason", InputType = InputType.Choice, Value = "unsupported-schema-version" },
            new InteractionInput { Name = "fromOffset", InputType = InputType.Number, Value = "0" },
        ]);

        var result = await appHost.App.ResourceCommands.ExecuteCommandAsync(replica, ProcessorCommandExtensions.ReplayCommand, inputs);

        Assert.True(result.Success, result.Message);
        Assert.Matches("^processor-[a-z0-9]+: [0-9]+ dead letter\\(s\\) replayed to users_created$", result.Message ?? "");
        using var http = await appHost.ReplicaClientAsync(replica);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/dead-letters?limit=5")).StatusCode);
    }

    [Fact]
    public async Task Pausing_consumption_over_HTTP_needs_the_api_key()
    {
        var replica = (await appHost.ReplicasAsync("processor")).First().ResourceId;
        using var keyed = await appHost.ReplicaClientAsync(replica);
        using var stranger = new HttpClient { BaseAddress = keyed.BaseAddress };

        using var refused = await stranger.PostAsync("/consumption/pause", null);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False((await keyed.GetFromJsonAsync<JsonElement>("/consumption")).GetProperty("paused").GetBoolean());
    }

    /// <summary>The processors' consumer lag as each replica's /metrics gives it, summed.</summary>
    private static async Task<long> LagAsync(IEnumerable<HttpClient> replicas)
    {
        long lag = 0;
        foreach (var replica in replicas)
        {
            var match = LagLine().Match(await replica.GetStringAsync("/metrics"));
            if (match.Success)
                lag += (long)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return lag;
    }

    private static InteractionInputCollection Inputs(string count, string seed) => new(
    [
        new InteractionInput { Name = "count", InputType = InputType.Number, Value = count },
        new InteractionInput { Name = "seed", InputType = InputType.Text, Value = seed },
    ]);

    [GeneratedRegex(@"^userstream_processor_consumer_lag(?:_messages)?(?:\{[^}]*\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex LagLine();

    [GeneratedRegex("^Run (?<id>[0-9a-f-]{36}) started: (?<users>[0-9]+) users, seed (?<seed>.+)$")]
    private static partial Regex StartedMessage();
}
