using Npgsql;
using UserStream.Ingestor.Ledger;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Scheduling;

/// <summary>
/// Real ingestors on one ledger with a cron schedule of seconds: each slot is fired once and on time, slots missed while
/// no ingestor ran are caught up only as far as Ingestion:Schedule:MaxCatchUpRuns, and a bad expression stops the
/// ingestor at start with the setting's name. The source holds every page, so runs stay in the ledger as they were created.
/// </summary>
public sealed class IngestorScheduleTests
{
    private const string EveryTwoSeconds = "*/2 * * * * *";
    private const string EveryThreeSeconds = "*/3 * * * * *";

    [Fact]
    public async Task Two_ingestors_on_one_ledger_fire_every_slot_of_a_cron_schedule_once_and_on_time()
    {
        const int slots = 5;
        await using var source = await GatedSource.StartAsync(holdFromPage: 1);
        var database = await SharedInfrastructure.CreateDatabaseAsync();
        await using var first = await StartIngestorAsync(database, source, EveryThreeSeconds);
        await using var second = await StartIngestorAsync(database, source, EveryThreeSeconds);
        await using var db = NpgsqlDataSource.Create(database);

        var runs = await Eventually.ReturnsAsync(() => ScheduledRunsAsync(db), r => r.Count >= slots, TimeSpan.FromSeconds(60), $"{slots} cron slots fired");

        Assert.All(runs, r => Assert.Equal(0, r.Slot.Second % 3));
        Assert.Equal(runs.Count, runs.Select(r => r.Slot).Distinct().Count()); // no slot fired twice
        for (var i = 1; i < runs.Count; i++)
            Assert.Equal(TimeSpan.FromSeconds(3), runs[i].Slot - runs[i - 1].Slot); // and none left out
        // On time: each run was created within 2 s of its slot, before the next one (the scheduler wakes at the slot;
        // the margin is for a loaded machine, where the suite runs beside AppHosts).
        Assert.All(runs, r => Assert.InRange(r.CreatedAt - r.Slot, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        Assert.Contains("users at '*/3 * * * * *' (UTC)", first.Output);
    }

    [Fact]
    public async Task A_paused_schedule_fires_on_no_ingestor_and_resumed_it_goes_on_without_the_slots_of_the_pause()
    {
        await using var source = await GatedSource.StartAsync(holdFromPage: 1);
        var database = await SharedInfrastructure.CreateDatabaseAsync();
        await using var first = await StartIngestorAsync(database, source, EveryTwoSeconds);
        await using var second = await StartIngestorAsync(database, source, EveryTwoSeconds);
        await using var db = NpgsqlDataSource.Create(database);
        using var http = first.CreateClient();
        await Eventually.ReturnsAsync(() => ScheduledRunsAsync(db), r => r.Count >= 1, TimeSpan.FromSeconds(60), "a first cron slot fired");

        using (var anonymous = first.CreateAnonymousClient())
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.PostAsync("schedule/pause", null)).StatusCode);
        var paused = await PostAsync(http, "schedule/pause");
        Assert.True(paused.GetProperty("paused").GetBoolean());
        var pausedAt = paused.GetProperty("pausedAt").GetDateTimeOffset();
        using (var other = second.CreateClient())
            Assert.True((await GetAsync(other, "schedule")).GetProperty("paused").GetBoolean()); // the pause is the ledger's, not one process's
        await Task.Delay(TimeSpan.FromSeconds(6)); // the pause: three slots go by
        // (A look that began before the pause was committed may still fire the slot it saw: a second's grace.)
        Assert.DoesNotContain(await ScheduledRunsAsync(db), r => r.Slot > pausedAt.AddSeconds(1));

        var resumed = await PostAsync(http, "schedule/resume");
        Assert.Equal("resumed", resumed.GetProperty("message").GetString());
        var resumedAt = DateTimeOffset.UtcNow;
        var after = await Eventually.ReturnsAsync(() => ScheduledRunsAsync(db), r => r.Count(x => x.Slot > pausedAt) >= 2, TimeSpan.FromSeconds(60), "slots fired after resuming");

        // None of the slots that came during the pause was fired late.
        Assert.All(after.Where(r => r.Slot > pausedAt), r => Assert.True(r.Slot >= resumedAt.AddSeconds(-1), $"slot {r.Slot:O} of the pause (paused {pausedAt:O}, resumed {resumedAt:O})"));
        Assert.Contains("Schedule paused by the operator", first.Output);
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(HttpClient http, string url)
    {
        using var response = await http.PostAsync(url, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<System.Text.Json.JsonElement> GetAsync(HttpClient http, string url) =>
        System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(url)).RootElement.Clone();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Slots_missed_while_no_ingestor_ran_are_caught_up_only_as_far_as_MaxCatchUpRuns(int catchUp)
    {
        await using var source = await GatedSource.StartAsync(holdFromPage: 1);
        var database = await SharedInfrastructure.CreateDatabaseAsync();
        await using var db = NpgsqlDataSource.Create(database);
        await IngestLedgerSchema.EnsureAsync(db, CancellationToken.None);
        // The schedule last fired 30 s ago: about 15 slots went by with no ingestor up.
        await using (var command = db.CreateCommand("INSERT INTO ingest.schedule_state (name, last_fired_at) VALUES ('cron', now() - interval '30 seconds')"))
            await command.ExecuteNonQueryAsync();

        await using var ingestor = await StartIngestorAsync(database, source, EveryTwoSeconds, catchUp);
        var fired = await Eventually.ReturnsAsync(() => ScheduledRunsAsync(db), r => r.Count >= 1, TimeSpan.FromSeconds(60), "the first cron slots fired");

        // The first look fires the slot due now and the catchUp slots before it, in one transaction (one created_at).
        var firstLookAt = fired.Min(r => r.CreatedAt);
        var firstLook = fired.Where(r => r.CreatedAt == firstLookAt).ToList();
        Assert.Equal(catchUp + 1, firstLook.Count);
        for (var i = 1; i < firstLook.Count; i++)
            Assert.Equal(TimeSpan.FromSeconds(2), firstLook[i].Slot - firstLook[i - 1].Slot);
        await Eventually.ReturnsAsync(() => Task.FromResult(ingestor.Output), o => o.Contains("were missed while no ingestor ran and are skipped"),
            TimeSpan.FromSeconds(10), "the skipped slots logged");
        Assert.Contains($"MaxCatchUpRuns={catchUp}", ingestor.Output);
    }

    [Theory]
    [InlineData("Ingestion__Schedule__Cron", "*/2 * * *", "Ingestion:Schedule:Cron")]
    [InlineData("Ingestion__Schedule__TimeZone", "Atlantis/Capital", "Ingestion:Schedule:TimeZone")]
    public async Task A_bad_schedule_setting_stops_the_ingestor_at_start_naming_it(string key, string value, string setting)
    {
        var database = await SharedInfrastructure.CreateDatabaseAsync();
        var environment = Environment(database, new Uri("http://127.0.0.1:9/"), EveryTwoSeconds, 0);
        environment[key] = value;

        // The process ends before it is alive; the error carries its exit code and its output.
        var exited = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync("Ingestor", environment));

        Assert.Matches("^Ingestor exited with [1-9][0-9]* before it was alive", exited.Message);
        Assert.Contains($"OptionsValidationException: {setting} '{value}'", exited.Message);
    }

    private static async Task<ServiceProcess> StartIngestorAsync(string database, GatedSource source, string cron, int catchUp = 0)
    {
        var ingestor = await ServiceProcess.StartAsync("Ingestor", Environment(database, source.BaseAddress, cron, catchUp));
        using var http = ingestor.CreateClient();
        await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.IsSuccessStatusCode, what: "ingestor healthy");
        return ingestor;
    }

    private static Dictionary<string, string> Environment(string database, Uri source, string cron, int catchUp) => new()
    {
        ["ConnectionStrings__postgres"] = database,
        ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
        ["services__source__http__0"] = source.ToString(),
        ["Ingestion__Schedule__Cron"] = cron,
        ["Ingestion__Schedule__MaxCatchUpRuns"] = catchUp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ingestion__Schedule__UsersPerRun"] = "1",
        ["Ingestion__MaxQueuedRuns"] = "1000", // held runs must not fill the queue: every slot gets its run
        ["Ingestion__Source__AttemptTimeout"] = "00:05:00",
    };

    private sealed record ScheduledRun(DateTimeOffset Slot, DateTimeOffset CreatedAt);

    private static async Task<List<ScheduledRun>> ScheduledRunsAsync(NpgsqlDataSource db)
    {
        var runs = new List<ScheduledRun>();
        try
        {
            await using var command = db.CreateCommand(
                "SELECT scheduled_for, created_at FROM ingest.runs WHERE trigger = 'schedule' ORDER BY scheduled_for");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                runs.Add(new ScheduledRun(Utc(reader.GetDateTime(0)), Utc(reader.GetDateTime(1))));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // the ingestor has not made its schema yet
        }
        return runs;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
