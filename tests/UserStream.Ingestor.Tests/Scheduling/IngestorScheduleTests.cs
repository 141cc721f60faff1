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

    [Fact]
    public async Task Two_ingestors_on_one_ledger_fire_every_slot_of_a_cron_schedule_once_and_on_time()
    {
        const int slots = 5;
        await using var source = await GatedSource.StartAsync(holdFromPage: 1);
        var database = await SharedInfrastructure.CreateDatabaseAsync();
        await using var first = await StartIngestorAsync(database, source, EveryTwoSeconds);
        await using var second = await StartIngestorAsync(database, source, EveryTwoSeconds);
        await using var db = NpgsqlDataSource.Create(database);

        var runs = await Eventually.ReturnsAsync(() => ScheduledRunsAsync(db), r => r.Count >= slots, TimeSpan.FromSeconds(60), $"{slots} cron slots fired");

        Assert.All(runs, r => Assert.Equal(0, r.Slot.Second % 2));
        Assert.Equal(runs.Count, runs.Select(r => r.Slot).Distinct().Count()); // no slot fired twice
        for (var i = 1; i < runs.Count; i++)
            Assert.Equal(TimeSpan.FromSeconds(2), runs[i].Slot - runs[i - 1].Slot); // and none left out
        // On time: each run was created within a second of its slot (the scheduler wakes at the slot).
        Assert.All(runs, r => Assert.InRange(r.CreatedAt - r.Slot, TimeSpan.Zero, TimeSpan.FromSeconds(1.5)));
        Assert.Contains("users at '*/2 * * * * *' (UTC)", first.Output);
    }

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

        // The first look fires the slot due now and the catchUp slots before it, in one transaction.
        var firstLook = fired.Where(r => r.CreatedAt - fired[0].CreatedAt < TimeSpan.FromMilliseconds(500)).ToList();
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
