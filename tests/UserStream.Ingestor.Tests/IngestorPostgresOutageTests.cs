using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using UserStream.Testing;
using Xunit.Abstractions;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// A real ingestor process whose PostgreSQL (a dedicated throwaway server, so no other test notices) is frozen with SIGSTOP
/// or killed with SIGKILL and restarted on the same data in the middle of a run: the run completes without an ingestor
/// restart, every page reaches the outbox once, and every user reaches the topic.
/// </summary>
public sealed class IngestorPostgresOutageTests(ITestOutputHelper output)
{
    private const int Requested = 400;
    private const int PageSize = 50;

    /// <summary>Longer than the connection and command timeouts the ingestor gets here (5 s each), several times over.</summary>
    private static readonly TimeSpan FreezeLength = TimeSpan.FromSeconds(25);

    /// <summary>Long enough for the run's page write to be refused several times (connection refused) before the restart.</summary>
    private static readonly TimeSpan DownLength = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_run_rides_out_its_PostgreSQL_frozen_longer_than_every_timeout()
    {
        await using var postgres = await LocalPostgresServer.StartAsync();
        await RunThroughOutageAsync(postgres, "frozen", async (ingestor, releasePage3) =>
        {
            var processes = PostgresSignals.ProcessesOf(postgres);
            var frozenAt = Stopwatch.StartNew();
            await PostgresSignals.SignalAsync("STOP", processes);
            releasePage3();
            try
            {
                await WaitUnhealthyAsync(ingestor);
                var left = FreezeLength - frozenAt.Elapsed;
                if (left > TimeSpan.Zero)
                    await Task.Delay(left); // the length of the outage itself
            }
            finally
            {
                await PostgresSignals.SignalAsync("CONT", processes);
            }
            output.WriteLine($"PostgreSQL frozen for {frozenAt.Elapsed.TotalSeconds:F1} s ({processes.Count} processes)");
        });
    }

    [Fact]
    public async Task A_run_rides_out_its_PostgreSQL_killed_and_restarted_on_the_same_data()
    {
        // Durable settings: a killed server keeps every commit it acknowledged, as the AppHost's does.
        await using var postgres = await LocalPostgresServer.StartAsync(durable: true);
        await RunThroughOutageAsync(postgres, "killed", async (ingestor, releasePage3) =>
        {
            var processes = PostgresSignals.ProcessesOf(postgres);
            var down = Stopwatch.StartNew();
            await PostgresSignals.SignalAsync("KILL", processes);
            releasePage3();
            await Eventually.ReturnsAsync(() => Task.FromResult(PostgresSignals.AnyAlive(processes)), alive => !alive,
                TimeSpan.FromSeconds(20), "every postgres process gone");
            await WaitUnhealthyAsync(ingestor);
            var left = DownLength - down.Elapsed;
            if (left > TimeSpan.Zero)
                await Task.Delay(left); // the length of the outage itself
            await postgres.RestartAsync();
            output.WriteLine($"PostgreSQL down for {down.Elapsed.TotalSeconds:F1} s ({processes.Count} processes killed), restarted on the same data");
        });
    }

    [Fact]
    public async Task A_ledger_schema_lost_with_the_servers_data_is_created_again_and_runs_go_on_without_a_restart()
    {
        var database = await SharedInfrastructure.CreateDatabaseAsync();
        var topic = SharedInfrastructure.CreateTopic("pg-lost", 4);
        await using var source = await GatedSource.StartAsync(holdFromPage: int.MaxValue);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = database,
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = topic,
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Ingestion__Source__PageSize"] = PageSize.ToString(),
        });
        using var http = ingestor.CreateClient();
        await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");

        await using (var db = NpgsqlDataSource.Create(database))
        await using (var drop = db.CreateCommand("DROP SCHEMA ingest CASCADE"))
            await drop.ExecuteNonQueryAsync(); // what a server that lost its data directory looks like to the ingestor

        // The relay's next poll (or this request) finds the schema gone and creates it again; meanwhile a request gets a 503.
        var accepted = await Eventually.ReturnsAsync(() => http.PostAsJsonAsync("runs", new { count = 120, seed = "after-loss" }),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "POST /runs answered after the schema loss");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var run = await Eventually.ReturnsAsync(() => RunAsync(http, runId), r => r.GetProperty("status").GetString() == "completed",
            TimeSpan.FromSeconds(60), "the run after the schema loss completed");

        Assert.Equal(120, run.GetProperty("published").GetInt32());
        Assert.Contains("The ingestion ledger schema was missing", ingestor.Output);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
        Assert.True(Directory.Exists($"/proc/{ingestor.ProcessId}"), "the ingestor process is the one started before the loss");
        await SharedInfrastructure.DropDatabaseAsync(database);
    }

    private async Task RunThroughOutageAsync(LocalPostgresServer postgres, string seed, Func<ServiceProcess, Action, Task> outage)
    {
        var topic = SharedInfrastructure.CreateTopic($"pg-{seed}", 4);
        await using var source = await GatedSource.StartAsync(holdFromPage: 3);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres.ConnectionString() + ";Timeout=5;Command Timeout=5",
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = topic,
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Ingestion__Source__PageSize"] = PageSize.ToString(),
            ["Ingestion__Source__AttemptTimeout"] = "00:05:00", // the held page must not time out and be retried
        });
        try
        {
            using var http = ingestor.CreateClient();
            await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");
            var accepted = await http.PostAsJsonAsync("runs", new { count = Requested, seed });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            await source.Holding.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(2, (await RunAsync(http, runId)).GetProperty("pagesFetched").GetInt32());

            // Page 3 is released once the fault is staged (the outage calls back): its write meets PostgreSQL away.
            await outage(ingestor, source.Release);

            var run = await Eventually.ReturnsAsync(() => RunAsync(http, runId), r => r.GetProperty("status").GetString() == "completed",
                TimeSpan.FromSeconds(120), "the run completed after the outage");
            await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy again");
            Assert.True(Directory.Exists($"/proc/{ingestor.ProcessId}"), "the ingestor process is the one started before the outage");
            Assert.Contains("PostgreSQL error while recording page 3 of a run", ingestor.Output); // the fault met the run's write

            Assert.Equal(Requested / PageSize, run.GetProperty("pagesFetched").GetInt32());
            Assert.Equal(Requested, run.GetProperty("fetched").GetInt32());
            Assert.Equal(Requested, run.GetProperty("published").GetInt32());
            Assert.Equal(0, run.GetProperty("publishFailed").GetInt32());

            await using var db = NpgsqlDataSource.Create(postgres.ConnectionString());
            var outboxKeys = await OutboxKeys.OfRunAsync(db, runId);
            Assert.Equal(Requested, outboxKeys.Count);
            Assert.Equal(Requested, outboxKeys.Distinct().Count());
            var onTopic = TopicReader.ReadAll(SharedInfrastructure.KafkaBootstrapServers, topic, 4, TimeSpan.FromSeconds(10))
                .Select(r => Encoding.UTF8.GetString(r.Message.Key!)).ToList();
            Assert.Equal(outboxKeys.ToHashSet(), onTopic.ToHashSet());
            var stuck = await StuckRunsAsync(http);
            Assert.Equal(0, stuck);
            output.WriteLine($"{seed}: users requested {Requested}, in the outbox {outboxKeys.Count} ({outboxKeys.Count - outboxKeys.Distinct().Count()} twice), " +
                $"on the topic {onTopic.Distinct().Count()} distinct of {onTopic.Count} messages ({onTopic.Count - onTopic.Distinct().Count()} sent again), runs stuck {stuck}");
        }
        catch
        {
            output.WriteLine(string.Join('\n', ingestor.Output.Split('\n').TakeLast(80)));
            throw;
        }
    }

    private static async Task WaitUnhealthyAsync(ServiceProcess ingestor)
    {
        using var http = new HttpClient { BaseAddress = ingestor.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        await Eventually.ReturnsAsync(async () => (await http.GetAsync("health")).StatusCode, s => s != HttpStatusCode.OK,
            TimeSpan.FromSeconds(20), "ingestor unhealthy while PostgreSQL is away");
    }

    private static async Task<int> StuckRunsAsync(HttpClient http)
    {
        var runs = JsonDocument.Parse(await http.GetStringAsync("runs?limit=200")).RootElement;
        return runs.EnumerateArray().Count(r => r.GetProperty("status").GetString() is "queued" or "fetching");
    }

    private static async Task<JsonElement> RunAsync(HttpClient http, Guid runId) =>
        JsonDocument.Parse(await http.GetStringAsync($"runs/{runId}")).RootElement;
}
