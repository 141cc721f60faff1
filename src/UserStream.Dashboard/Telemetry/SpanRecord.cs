namespace UserStream.Dashboard.Telemetry;

/// <summary>One finished span as the dashboard keeps and shows it.</summary>
internal sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string ServiceName,
    string Name,
    string Kind,
    string Scope,
    DateTimeOffset Start,
    double DurationMs,
    IReadOnlyDictionary<string, string> Attributes,
    string Status,
    string? StatusMessage,
    IReadOnlyList<SpanEventRecord> Events)
{
    public bool IsError => Status == "error";

    public DateTimeOffset End => Start.AddMilliseconds(DurationMs);
}

/// <summary>A time-stamped note on a span (an exception, a retry).</summary>
internal sealed record SpanEventRecord(DateTimeOffset Time, string Name, IReadOnlyDictionary<string, string> Attributes);
