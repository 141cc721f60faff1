using UserStream.Ingestor.Scheduling;

namespace UserStream.Ingestor.Tests.Scheduling;

/// <summary>Reading cron settings, and which slots run after an ingestor was down or held up.</summary>
public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("*/10 * * * * *", 10)] // six fields: seconds first
    [InlineData("*/5 * * * *", 300)]   // five fields: minutes first
    public void Five_and_six_field_expressions_are_read(string cron, int secondsApart)
    {
        var schedule = CronSchedule.Parse(cron, "UTC");
        var first = schedule.Next(Noon)!.Value;
        Assert.Equal(TimeSpan.FromSeconds(secondsApart), schedule.Next(first)!.Value - first);
    }

    [Fact]
    public void A_slot_is_read_in_the_configured_time_zone()
    {
        var paris = CronSchedule.Parse("0 0 9 * * *", "Europe/Paris"); // 09:00 in Paris is 08:00 UTC in winter
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), paris.Next(Noon)!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("* * * *", "Ingestion:Schedule:Cron", "4 fields")]
    [InlineData("* * * * * * *", "Ingestion:Schedule:Cron", "7 fields")]
    [InlineData("61 * * * *", "Ingestion:Schedule:Cron", "not a cron expression")]
    [InlineData("every minute please", "Ingestion:Schedule:Cron", "3 fields")]
    public void A_bad_expression_is_a_format_error_naming_the_setting(string cron, string setting, string what)
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse(cron, "UTC"));
        Assert.Contains(setting, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void An_unknown_time_zone_is_a_format_error_naming_the_setting()
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("* * * * *", "Mars/Olympus_Mons"));
        Assert.Contains("Ingestion:Schedule:TimeZone", error.Message);
        Assert.Contains("Mars/Olympus_Mons", error.Message);
    }

    [Fact]
    public void Without_catch_up_only_the_newest_of_the_slots_missed_while_down_runs()
    {
        var everyTenSeconds = CronSchedule.Parse("*/10 * * * * *", "UTC");
        var due = everyTenSeconds.Due(after: Noon, now: Noon.AddSeconds(65), runningSince: Noon.AddSeconds(65), catchUp: 0);
        Assert.Equal(6, due.Count); // :10 … :60
        Assert.Equal([Noon.AddSeconds(60)], due.Run);
        Assert.Equal(5, due.Skipped);
    }

    [Fact]
    public void Catch_up_runs_the_newest_missed_slots_besides_the_one_due_now_oldest_first()
    {
        var everyTenSeconds = CronSchedule.Parse("*/10 * * * * *", "UTC");
        var due = everyTenSeconds.Due(after: Noon, now: Noon.AddSeconds(65), runningSince: Noon.AddSeconds(65), catchUp: 2);
        Assert.Equal([Noon.AddSeconds(40), Noon.AddSeconds(50), Noon.AddSeconds(60)], due.Run);
        Assert.Equal(3, due.Skipped);
    }

    [Fact]
    public void Slots_that_came_while_the_ingestor_ran_all_run_however_late_it_looks()
    {
        var everyTenSeconds = CronSchedule.Parse("*/10 * * * * *", "UTC");
        // Up since :05, held up from :10 to :35: the slots :10, :20, :30 were not missed while down.
        var due = everyTenSeconds.Due(after: Noon, now: Noon.AddSeconds(35), runningSince: Noon.AddSeconds(5), catchUp: 0);
        Assert.Equal([Noon.AddSeconds(10), Noon.AddSeconds(20), Noon.AddSeconds(30)], due.Run);
        Assert.Equal(0, due.Skipped);
    }

    [Fact]
    public void Nothing_is_due_before_the_next_slot_and_a_slot_due_exactly_now_is_due()
    {
        var everyTenSeconds = CronSchedule.Parse("*/10 * * * * *", "UTC");
        Assert.Equal(0, everyTenSeconds.Due(Noon, Noon.AddSeconds(9.999), Noon, 0).Count);
        Assert.Equal([Noon.AddSeconds(10)], everyTenSeconds.Due(Noon, Noon.AddSeconds(10), Noon, 0).Run);
        Assert.Equal(0, everyTenSeconds.Due(Noon.AddSeconds(10), Noon.AddSeconds(10), Noon, 0).Count);
    }

    [Theory]
    [InlineData("*/2 * * * * *", "UTC", 0, true, null)]
    [InlineData("* * * *", "UTC", 0, true, "Ingestion:Schedule:Cron")]
    [InlineData("* * * * *", "Nowhere/City", 0, true, "Ingestion:Schedule:TimeZone")]
    [InlineData("* * * * *", "UTC", -1, true, "Ingestion:Schedule:MaxCatchUpRuns")]
    [InlineData("* * * * *", "UTC", 101, true, "Ingestion:Schedule:MaxCatchUpRuns")]
    [InlineData("* * * *", "UTC", 0, false, null)] // a schedule that is off is not read
    public void The_validator_names_each_bad_setting(string cron, string zone, int catchUp, bool enabled, string? setting)
    {
        var result = new ScheduleOptionsValidator().Validate(null,
            new ScheduleOptions { Cron = cron, TimeZone = zone, MaxCatchUpRuns = catchUp, Enabled = enabled });
        if (setting is null)
            Assert.False(result.Failed, result.FailureMessage);
        else
            Assert.Contains(setting, Assert.IsType<string>(result.FailureMessage));
    }
}
