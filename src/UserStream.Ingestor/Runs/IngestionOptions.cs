namespace UserStream.Ingestor.Runs;

/// <summary>Run settings (configuration section "Ingestion").</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest run POST /runs accepts.</summary>
    public int MaxUsersPerRun { get; set; } = 1_000_000;

    /// <summary>Runs executed at the same time.</summary>
    public int ConcurrentRuns { get; set; } = 2;

    /// <summary>Kafka topic the relay publishes to.</summary>
    public string Topic { get; set; } = Contracts.Messages.Topics.UsersCreated;
}
