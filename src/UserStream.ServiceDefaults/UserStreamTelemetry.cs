namespace UserStream.ServiceDefaults;

/// <summary>The ActivitySources and Meters of our own code that every service exports.</summary>
public static class UserStreamTelemetry
{
    /// <summary>
    /// Named ones for the reader; the wildcard (which the OpenTelemetry SDK accepts for sources and meters)
    /// takes in any later <c>UserStream.*</c> source without a change here.
    /// </summary>
    public static readonly string[] Names =
    [
        "UserStream.Ingestor",   // IngestorMetrics: run spans, fetched/invalid/published/runs/backlog
        "UserStream.Processor",  // ProcessorMetrics: batch spans, processed/dead-lettered/lag/latency
        "UserStream.Cql",        // CqlInstrumentation: one client span per CQL request
        "UserStream.*",
    ];
}
