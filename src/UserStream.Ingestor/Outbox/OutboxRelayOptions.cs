namespace UserStream.Ingestor.Outbox;

/// <summary>Settings of the outbox relay (configuration section "Ingestion:Relay").</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "Ingestion:Relay";

    /// <summary>Outbox rows claimed and published per transaction.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>
    /// Batches in flight at once in this instance, each in its own transaction: one is claimed and marked while another
    /// waits for the broker. 1 publishes strictly one batch after another.
    /// </summary>
    public int Lanes { get; set; } = 2;

    /// <summary>How often an idle relay looks for rows written by another ingestor instance.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait for the broker to acknowledge a batch before it is retried.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
