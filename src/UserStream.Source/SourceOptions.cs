namespace UserStream.Source;

/// <summary>
/// The <c>Source</c> configuration section: failure injection for exercising the ingestor's retries
/// and validation. Both rates are 0 (off) by default.
/// </summary>
public sealed class SourceOptions
{
    public const string SectionName = "Source";

    /// <summary>Fraction (0..1) of <c>/api</c> requests answered with 503 Service Unavailable.</summary>
    public double FailureRate { get; set; }

    /// <summary>Fraction (0..1) of generated records made invalid (missing uuid or email, or a broken uuid).</summary>
    public double MalformedRate { get; set; }
}
