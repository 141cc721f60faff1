using UserStream.Contracts.Messages;

namespace UserStream.Processor.Consuming;

/// <summary>Settings of the consumer (configuration section "Processor").</summary>
public sealed class ProcessorOptions
{
    public const string Section = "Processor";

    public string Topic { get; set; } = Topics.UsersCreated;
    public string DeadLetterTopic { get; set; } = Topics.UsersCreatedDeadLetter;
    public string GroupId { get; set; } = Topics.ProcessorGroup;

    /// <summary>
    /// How many processors share the group (the AppHost sets it from its own <c>Processor:Replicas</c>): more than the
    /// topic's partitions is a warning, since the extra ones get no partition (<see cref="PartitionCoverage"/>).
    /// </summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Most messages written to the store in one batch.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long a started batch waits for more messages before it is written.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>First delay before retrying a failed store write; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);
}
