namespace UserStream.Ingestor.Outbox;

/// <summary>How long published outbox rows are kept (configuration section "Ingestion:Outbox").</summary>
public sealed class OutboxRetentionOptions
{
    public const string Section = "Ingestion:Outbox";

    /// <summary>Published rows older than this are deleted; unpublished rows are never deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the clean-up pass runs.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows deleted per statement, so one pass never holds a long transaction.</summary>
    public int DeleteBatchSize { get; set; } = 10_000;
}
