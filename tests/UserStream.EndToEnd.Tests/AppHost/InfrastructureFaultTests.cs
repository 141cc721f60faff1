using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// Outages of the AppHost's own PostgreSQL and broker, staged with signals on their real processes for longer than
/// the timeouts they must outlast: every run completes without a service restart, each user is stored once.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class InfrastructureFaultTests(AppHostFixture appHost)
{
    private const int Users = 20_000;

    [Fact]
    public async Task PostgreSQL_killed_with_SIGKILL_mid_run_is_restarted_on_the_same_data_and_the_run_completes_with_every_user_once()
    {
        var ingestors = await appHost.ServiceProcessIdsAsync("ingestor", "UserStream.Ingestor");
        var postmaster = Postmaster();

        var run = await StartRunAndWaitForFirstUsersAsync("pg-kill");
        LinuxProcesses.Signal(postmaster, "KILL");

        // A new postmaster on the resource's own data directory, started again below the postgres resource.
        var restarted = await Eventually.ReturnsAsync(async () =>
            {
                var pid = PostmasterOrZero();
                return pid != 0 && pid != postmaster && LinuxProcesses.Descendants(await appHost.ProcessIdAsync("postgres")).Contains(pid) ? pid : 0;
            },
            pid => pid != 0, TimeSpan.FromMinutes(2), $"a new postmaster on {DataDirectory} below the postgres resource");
        Assert.True(LinuxProcesses.IsAlive(restarted));
        await AssertRunCompletesWithEveryUserOnceAsync(run, ingestors);
    }

    [Fact]
    public async Task PostgreSQL_frozen_with_SIGSTOP_for_60_seconds_mid_run_delays_the_run_and_loses_nothing()
    {
        var ingestors = await appHost.ServiceProcessIdsAsync("ingestor", "UserStream.Ingestor");
        var run = await StartRunAndWaitForFirstUsersAsync("pg-freeze");
        var postmaster = Postmaster();
        // The postmaster first, so it starts no new backend; then its children. A backend that ended between the listing
        // and its signal (the services open and close connections all the time) is left out. Everything stopped is
        // continued in the finally, whatever happens on the way.
        LinuxProcesses.Signal(postmaster, "STOP");
        List<int> frozen = [postmaster];
        try
        {
            foreach (var child in LinuxProcesses.All().Where(pid => LinuxProcesses.ParentOf(pid) == postmaster))
                if (LinuxProcesses.TrySignal(child, "STOP"))
                    frozen.Add(child);
            Assert.True(frozen.Count > 1, "the postmaster had no backend to freeze");
            await Task.Delay(TimeSpan.FromSeconds(60));
        }
        finally
        {
            foreach (var pid in frozen.Where(LinuxProcesses.IsAlive))
                LinuxProcesses.Signal(pid, "CONT");
        }
        await AssertRunCompletesWithEveryUserOnceAsync(run, ingestors);
    }

    [Fact]
    public async Task A_broker_frozen_with_SIGSTOP_for_90_seconds_mid_run_longer_than_every_delivery_timeout_loses_and_duplicates_nothing()
    {
        var ingestors = await appHost.ServiceProcessIdsAsync("ingestor", "UserStream.Ingestor");
        var broker = await appHost.ProcessIdAsync("kafka");
        Assert.Contains("UserStream.EmbeddedKafka", LinuxProcesses.CommandLine(broker), StringComparison.Ordinal);
        var run = await StartRunAndWaitForFirstUsersAsync("broker-freeze-90");
        LinuxProcesses.Signal(broker, "STOP");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(90));
        }
        finally
        {
            LinuxProcesses.Signal(broker, "CONT");
        }
        await AssertRunCompletesWithEveryUserOnceAsync(run, ingestors);
    }

    private async Task<string> StartRunAndWaitForFirstUsersAsync(string seedPrefix)
    {
        using var ingestor = appHost.Client("ingestor");
        var run = await PipelineApi.StartRunAsync(ingestor, Users, seedPrefix + "-" + Guid.NewGuid().ToString("N"));
        // The fault must meet the run in flight: some users stored, most still to come.
        await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, run), n => n > 0, TimeSpan.FromMinutes(3), "the run's first users stored");
        return run;
    }

    private async Task AssertRunCompletesWithEveryUserOnceAsync(string run, IReadOnlyList<int> ingestorsBefore)
    {
        using var ingestor = appHost.Client("ingestor");
        var done = await Eventually.ReturnsAsync(() => PipelineApi.RunAsync(ingestor, run), r => r.GetProperty("status").GetString() == "completed",
            TimeSpan.FromMinutes(5), $"run {run} completed");
        Assert.Equal(Users, done.GetProperty("published").GetInt32());
        await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, run), n => n == Users, TimeSpan.FromMinutes(4), $"all {Users} users of run {run} stored");

        await using var db = await PipelineDatabase.OpenAsync(appHost);
        await using var command = db.CreateCommand("SELECT count(*), count(DISTINCT message_key) FROM ingest.outbox WHERE run_id = @run");
        command.Parameters.AddWithValue("run", Guid.Parse(run));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(Users, reader.GetInt64(0)); // each page written to the outbox once
        Assert.Equal(Users, reader.GetInt64(1));
        // No ingestor replica was restarted to get there.
        Assert.Equal(ingestorsBefore, await appHost.ServiceProcessIdsAsync("ingestor", "UserStream.Ingestor"));
    }


    // Found by the resource's data directory, never by the process id Aspire last reported: that one is stale while
    // the resource restarts, and with 32768 process ids on this machine another test's process may already hold it.
    private string DataDirectory =>
        appHost.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalPostgresServerResource>().Single().DataDirectory;

    private int Postmaster() =>
        PostmasterOrZero() is var pid and not 0 ? pid : throw new InvalidOperationException($"no postmaster on {DataDirectory}");

    private int PostmasterOrZero() =>
        LinuxProcesses.WithCommandLineContaining($"/postgres -D {DataDirectory} ").FirstOrDefault(LinuxProcesses.IsAlive);
}
