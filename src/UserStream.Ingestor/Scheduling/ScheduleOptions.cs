namespace UserStream.Ingestor.Scheduling;

/// <summary>The interval schedule (configuration section "Ingestion:Schedule").</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Ingestion:Schedule";

    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
    public int UsersPerRun { get; set; } = 100;
}
