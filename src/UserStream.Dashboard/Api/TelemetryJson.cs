using System.Text.Json;
using System.Text.Json.Serialization;
using UserStream.Dashboard.Telemetry;

namespace UserStream.Dashboard.Api;

/// <summary>The shapes the JSON API returns: camelCase, nulls left out, kinds as lower-case words.</summary>
internal static class TelemetryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static object Span(SpanRecord s) => new
    {
        s.TraceId,
        s.SpanId,
        s.ParentSpanId,
        s.ServiceName,
        s.Name,
        s.Kind,
        s.Scope,
        s.Start,
        s.DurationMs,
        s.Attributes,
        s.Status,
        s.StatusMessage,
        Events = s.Events.Select(e => new { e.Time, e.Name, e.Attributes }),
    };

    public static object TraceLine(TraceSummary t) => new
    {
        t.TraceId,
        t.Name,
        t.RootService,
        t.Services,
        t.Start,
        t.DurationMs,
        t.SpanCount,
        t.ErrorCount,
        t.HasError,
    };

    public static object Log(LogEntry e) => new
    {
        e.Sequence,
        e.Time,
        Resource = e.ServiceName,
        e.Category,
        Level = e.Level.ToString(),
        e.SeverityNumber,
        e.Message,
        e.TraceId,
        e.SpanId,
        e.Attributes,
    };

    public static object Metric(MetricInstrumentSnapshot m) => new
    {
        m.Name,
        m.Description,
        m.Unit,
        Type = m.Kind.ToString().ToLowerInvariant(),
        Temporality = m.Cumulative ? "cumulative" : "delta",
        m.Scope,
        Series = m.Series.Select(s => new { s.Attributes, s.Points }),
    };
}
