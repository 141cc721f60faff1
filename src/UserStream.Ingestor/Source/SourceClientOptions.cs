namespace UserStream.Ingestor.Source;

/// <summary>How the ingestor talks to the user source (configuration section "Ingestion:Source").</summary>
public sealed class SourceClientOptions
{
    public const string Section = "Ingestion:Source";

    /// <summary>
    /// Most users asked for in one request; randomuser.me serves at most 5000. A page is held in memory from its fetch to
    /// its commit: 1000 keeps that small (the pipeline benchmark ran faster and the ingestor 70 MiB smaller than with 5000).
    /// </summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt on 5xx, 429, timeouts and network errors.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Base delay of the exponential backoff (jittered).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Largest page body read from the source (default 64 MiB; a page of 5000 randomuser records is about 6 MiB). A larger
    /// body fails the page with a <see cref="SourceUnavailableException"/> saying so, instead of being read into memory.
    /// </summary>
    public int MaxPageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Optional <c>nat</c> filter passed to the source, e.g. "us,gb,fr".</summary>
    public string? Nationalities { get; set; }
}
