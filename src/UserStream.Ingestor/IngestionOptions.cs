namespace UserStream.Ingestor;

/// <summary>Run settings (configuration section "Ingestion").</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest run POST /runs accepts.</summary>
    public int MaxUsersPerRun { get; set; } = 1_000_000;

    /// <summary>Runs executed at the same time.</summary>
    public int ConcurrentRuns { get; set; } = 2;

    /// <summary>
    /// Most runs queued or fetching at once, counted in the ledger (so across every ingestor sharing it; resumed runs
    /// count too). A schedule tick that finds this many is skipped and counted; POST /runs answers 429.
    /// </summary>
    public int MaxQueuedRuns { get; set; } = 20;

    /// <summary>
    /// How long a run waits out PostgreSQL errors that pass (unreachable, restarting, frozen, timeouts) before it fails
    /// with the reason. Writes are retried with exponential backoff and jitter until then.
    /// </summary>
    public TimeSpan PostgresOutageLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First wait before a ledger write is retried (doubled each time, jittered).</summary>
    public TimeSpan PostgresRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between two retries of a ledger write.</summary>
    public TimeSpan PostgresMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long this ingestor's claim on a queued or fetching run lasts without renewal (renewed every third of it while the
    /// run is queued here or running). A run whose lease ran out has no worker and is claimed again by a sweep, every third
    /// of the lease, by this or another ingestor.
    /// </summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Kafka topic the relay publishes to.</summary>
    public string Topic { get; set; } = Contracts.Messages.Topics.UsersCreated;
}
