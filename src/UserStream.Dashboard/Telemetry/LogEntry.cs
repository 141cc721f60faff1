namespace UserStream.Dashboard.Telemetry;

/// <summary>One structured log record as the dashboard keeps and shows it.</summary>
internal sealed record LogEntry(
    long Sequence,
    DateTimeOffset Time,
    string ServiceName,
    string Category,
    LogLevelName Level,
    int SeverityNumber,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyDictionary<string, string> Attributes);
