namespace UserStream.Dashboard.Telemetry;

/// <summary>One line of the trace list: what a trace did, where, how long, and whether it failed.</summary>
internal sealed record TraceSummary(
    string TraceId,
    string Name,
    string RootService,
    IReadOnlyList<string> Services,
    DateTimeOffset Start,
    double DurationMs,
    int SpanCount,
    int ErrorCount)
{
    public bool HasError => ErrorCount > 0;

    public static TraceSummary Of(string traceId, IReadOnlyCollection<SpanRecord> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        // The root is the earliest span whose parent we never saw (a trace may arrive partly).
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId))
            .OrderBy(s => s.Start).FirstOrDefault() ?? spans.OrderBy(s => s.Start).First();
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        return new TraceSummary(
            traceId,
            root.Name,
            root.ServiceName,
            spans.OrderBy(s => s.Start).Select(s => s.ServiceName).Distinct().ToList(),
            start,
            (end - start).TotalMilliseconds,
            spans.Count,
            spans.Count(s => s.IsError));
    }
}
