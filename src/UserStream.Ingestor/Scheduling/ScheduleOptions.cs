namespace UserStream.Ingestor.Scheduling;

/// <summary>
/// The schedule (configuration section "Ingestion:Schedule"): a run of <see cref="UsersPerRun"/> users every
/// <see cref="Interval"/>, or, when <see cref="Cron"/> is set, at each time the cron expression names in
/// <see cref="TimeZone"/>. Checked at start (<see cref="ScheduleOptionsValidator"/>): a bad value stops the ingestor
/// with the setting's name.
/// </summary>
public sealed class ScheduleOptions
{
    public const string Section = "Ingestion:Schedule";

    /// <summary>Most missed slots <see cref="MaxCatchUpRuns"/> may ask for.</summary>
    public const int MaxCatchUpLimit = 100;

    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
    public int UsersPerRun { get; set; } = 100;

    /// <summary>
    /// A cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), as Cronos reads
    /// it, e.g. <c>*/30 * * * * *</c> (every 30 s) or <c>0 6 * * MON-FRI</c>. Replaces <see cref="Interval"/> when set.
    /// </summary>
    public string? Cron { get; set; }

    /// <summary>The time zone <see cref="Cron"/> is read in (an IANA id such as <c>Europe/Paris</c>); UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// How many cron slots missed while no ingestor ran are still run when one starts again, the most recent first
    /// (the slot due now always runs). 0 by default: missed slots are skipped, logged and counted, as Airflow 3 does
    /// without catch-up.
    /// </summary>
    public int MaxCatchUpRuns { get; set; }
}
