namespace UserStream.Ingestor.Runs;

/// <summary>
/// Automatic retries of a failed run (configuration section "Ingestion:Retries"): a run whose attempt fails with an
/// error that may pass (the source down or failing after its own retries, PostgreSQL away past its outage limit) is
/// <c>retrying</c> and is attempted again after <see cref="Delay"/>, doubled at each attempt up to <see cref="MaxDelay"/>,
/// from its last committed page; after <see cref="Count"/> retries it is failed. A permanent error (a page body over
/// the cap, a 4xx answer) fails it at once.
/// </summary>
public sealed class RunRetryOptions
{
    public const string Section = "Ingestion:Retries";
    public const int MaxCount = 20;

    /// <summary>Retries after the first attempt (0: a failed attempt fails the run).</summary>
    public int Count { get; set; } = 3;

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);
}
