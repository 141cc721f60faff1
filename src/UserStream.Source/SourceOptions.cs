namespace UserStream.Source;

/// <summary>
/// The <c>Source</c> configuration section: failure injection for exercising the ingestor's retries,
/// timeouts and validation. Every rate is 0 (off) by default.
/// </summary>
public sealed class SourceOptions
{
    public const string SectionName = "Source";

    /// <summary>Fraction (0..1) of <c>/api</c> requests answered with <see cref="FailureStatus"/>.</summary>
    public double FailureRate { get; set; }

    /// <summary>Status of an injected failure: 503 (default), 500, 502, 504, or 429 Too Many Requests.</summary>
    public int FailureStatus { get; set; } = 503;

    /// <summary>Seconds an injected failure's <c>Retry-After</c> header asks the client to wait.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Fraction (0..1) of <c>/api</c> requests answered only after <see cref="SlowDelay"/> (to exercise client timeouts).</summary>
    public double SlowRate { get; set; }

    /// <summary>How long a slow request waits before it answers.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Fraction (0..1) of generated records made invalid (missing uuid or email, or a broken uuid).</summary>
    public double MalformedRate { get; set; }

    /// <summary>
    /// Fraction (0..1) of generated records whose last name is 2,000 characters long: complete, so the ingestor passes
    /// them on, but longer than the store takes, so the processor dead-letters them (<c>field-too-long</c>).
    /// </summary>
    public double OverlongRate { get; set; }
}
