namespace UserStream.Ingestor.Ledger;

/// <summary>What firing cron slots did: the runs it created, and how many slots found the run queue full.</summary>
public sealed record ScheduledRuns(IReadOnlyList<IngestionRun> Created, int QueueFull);
