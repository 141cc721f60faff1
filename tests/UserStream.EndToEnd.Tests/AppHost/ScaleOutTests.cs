using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// The AppHost's replicas under faults: three processors in one group and two ingestors on one ledger, replicas
/// killed with SIGKILL or stopped from the dashboard mid-run. Every user is stored once, every run completed once.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ScaleOutTests(AppHostFixture appHost)
{
    private const int Partitions = 32;

    [Fact]
    public async Task Of_three_processors_one_killed_with_SIGKILL_and_one_stopped_mid_run_every_user_of_30000_is_stored_once_and_the_group_ends_owning_every_partition()
    {
        const int users = 30_000;
        var replicas = (await appHost.ReplicasAsync("processor")).Select(r => r.ResourceId).ToList();
        Assert.Equal(AppHostFixture.ProcessorReplicas, replicas.Count);
        var (killedReplica, stoppedReplica) = (replicas[0], replicas[1]);
        var killed = await appHost.ServiceProcessIdAsync(killedReplica, "UserStream.Processor");
        using var ingestor = appHost.Client("ingestor");

        var run = await PipelineApi.StartRunAsync(ingestor, users, "replicas-" + Guid.NewGuid().ToString("N"));
        // The faults must meet the run in flight: some users stored, most still to come.
        await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, run), n => n > 0, TimeSpan.FromMinutes(3), "the run's first users stored");
        LinuxProcesses.Signal(killed, "KILL");
        var stop = await appHost.App.ResourceCommands.ExecuteCommandAsync(stoppedReplica, KnownResourceCommands.StopCommand);
        Assert.True(stop.Success, stop.Message);
        try
        {
            Assert.True(await PipelineDatabase.CountStoredAsync(appHost, run) < users, "the run was over before the faults: the test proves nothing");

            // The killed replica is started again by the AppHost; the stopped one stays stopped (it was asked to).
            var restarted = await Eventually.ReturnsAsync(() => appHost.ServiceProcessIdAsync(killedReplica, "UserStream.Processor"),
                pid => pid != killed, TimeSpan.FromMinutes(2), $"a new process for {killedReplica}");
            Assert.False(LinuxProcesses.IsAlive(killed));
            await appHost.WaitReplicaHealthyAsync(killedReplica, TimeSpan.FromMinutes(2));
            Assert.True(LinuxProcesses.IsAlive(restarted));

            await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, run), n => n == users, TimeSpan.FromMinutes(5), $"all {users} users of the run stored");
            Assert.Equal(KnownResourceStates.Finished, (await appHost.CurrentStateAsync(stoppedReplica)).Snapshot.State?.Text);

            // The two replicas running share every partition, each owned by one of them.
            var running = replicas.Where(r => r != stoppedReplica).ToList();
            var assigned = await Eventually.ReturnsAsync(async () =>
                {
                    var owned = new List<int>();
                    foreach (var replica in running)
                        owned.AddRange(await AssignedPartitionsAsync(replica));
                    return owned;
                },
                owned => owned.Count == Partitions, TimeSpan.FromMinutes(2), $"all {Partitions} partitions owned by the running replicas");
            Assert.Equal(Enumerable.Range(0, Partitions), assigned.Order());
        }
        finally
        {
            var start = await appHost.App.ResourceCommands.ExecuteCommandAsync(stoppedReplica, KnownResourceCommands.StartCommand);
            Assert.True(start.Success, start.Message);
            await appHost.WaitReplicaHealthyAsync(stoppedReplica, TimeSpan.FromMinutes(2));
        }
        Assert.Equal(KnownResourceStates.Running, (await appHost.CurrentStateAsync(killedReplica)).Snapshot.State?.Text);
    }

    [Fact]
    public async Task Of_two_ingestors_one_killed_with_SIGKILL_mid_run_every_one_of_ten_runs_posted_alternately_completes_once_with_each_user_once()
    {
        const int runs = 10, users = 2_000;
        var replicas = (await appHost.ReplicasAsync("ingestor")).Select(r => r.ResourceId).ToList();
        Assert.Equal(AppHostFixture.IngestorReplicas, replicas.Count);
        var clients = new List<HttpClient>();
        foreach (var replica in replicas)
            clients.Add(await appHost.ReplicaClientAsync(replica));
        var killed = await appHost.ServiceProcessIdAsync(replicas[0], "UserStream.Ingestor");
        try
        {
            var ids = new List<string>();
            for (var i = 0; i < runs; i++)
                ids.Add(await PipelineApi.StartRunAsync(clients[i % clients.Count], users, $"ingestors-{i}-" + Guid.NewGuid().ToString("N")));
            // Kill the first replica while runs are on their way: some published, not all.
            await Eventually.ReturnsAsync(() => PublishedAsync(ids), n => n > 0, TimeSpan.FromMinutes(3), "the first users published");
            LinuxProcesses.Signal(killed, "KILL");
            Assert.True(await PublishedAsync(ids) < runs * users, "every run was over before the kill: the test proves nothing");

            using var ingestor = appHost.Client("ingestor");
            foreach (var id in ids)
            {
                var done = await Eventually.ReturnsAsync(() => PipelineApi.RunAsync(ingestor, id), r => r.GetProperty("status").GetString() == "completed",
                    TimeSpan.FromMinutes(5), $"run {id} completed");
                Assert.Equal(users, done.GetProperty("published").GetInt32());
                Assert.Equal(users, done.GetProperty("fetched").GetInt32());
            }
            await using var db = await PipelineDatabase.OpenAsync(appHost);
            foreach (var id in ids)
            {
                await using var command = db.CreateCommand("""
                    SELECT count(*), count(DISTINCT message_key), count(published_at) FROM ingest.outbox WHERE run_id = @run
                    """);
                command.Parameters.AddWithValue("run", Guid.Parse(id));
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                // Each page reached the outbox once, and each outbox row was published.
                Assert.Equal((users, users, users), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
            foreach (var id in ids)
                await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, id), n => n == users, TimeSpan.FromMinutes(3), $"all {users} users of run {id} stored");
            await appHost.WaitReplicaHealthyAsync(replicas[0], TimeSpan.FromMinutes(2));
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    private async Task<IReadOnlyList<int>> AssignedPartitionsAsync(string replica)
    {
        using var client = await appHost.ReplicaClientAsync(replica);
        using var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("checks").GetProperty("partitions").GetProperty("data").GetProperty("assigned").EnumerateArray().Select(p => p.GetInt32())];
    }

    private async Task<long> PublishedAsync(IReadOnlyList<string> runs)
    {
        await using var db = await PipelineDatabase.OpenAsync(appHost);
        await using var command = db.CreateCommand("SELECT count(*) FROM ingest.outbox WHERE run_id = ANY(@runs) AND published_at IS NOT NULL");
        command.Parameters.AddWithValue("runs", runs.Select(Guid.Parse).ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
