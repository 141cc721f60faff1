using UserStream.Dashboard.Otlp.Wire;
using UserStream.Dashboard.Telemetry;

namespace UserStream.Dashboard.Otlp;

/// <summary>Decoded trace export → the spans the dashboard keeps. Throws on a broken span, so nothing is half-stored.</summary>
internal static class OtlpTraceMapper
{
    private static readonly string[] KindNames = ["unspecified", "internal", "server", "client", "producer", "consumer"];

    public static IReadOnlyList<SpanRecord> Map(TraceExportRequest request)
    {
        var spans = new List<SpanRecord>();
        foreach (var resource in request.Resources)
        {
            var service = OtlpValues.ServiceName(resource.Resource);
            foreach (var scope in resource.Scopes)
                foreach (var span in scope.Spans)
                    spans.Add(MapSpan(span, service, scope.Scope?.Name ?? ""));
        }
        return spans;
    }

    private static SpanRecord MapSpan(WireSpan span, string service, string scope)
    {
        var start = span.StartUnixNano;
        var end = Math.Max(span.EndUnixNano, start);
        return new SpanRecord(
            OtlpValues.Id(span.TraceId, 16, "trace_id", optional: false)!,
            OtlpValues.Id(span.SpanId, 8, "span_id", optional: false)!,
            OtlpValues.Id(span.ParentSpanId, 8, "parent_span_id", optional: true),
            service,
            span.Name,
            span.Kind >= 0 && span.Kind < KindNames.Length ? KindNames[span.Kind] : "unspecified",
            scope,
            OtlpValues.Time(start),
            (end - start) / 1_000_000.0,
            OtlpValues.Attributes(span.Attributes),
            span.Status?.Code switch { 1 => "ok", 2 => "error", _ => "unset" },
            string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
            span.Events.Select(e => new SpanEventRecord(OtlpValues.Time(e.TimeUnixNano), e.Name, OtlpValues.Attributes(e.Attributes))).ToList());
    }
}
