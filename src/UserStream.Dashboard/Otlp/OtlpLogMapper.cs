using UserStream.Dashboard.Otlp.Wire;
using UserStream.Dashboard.Telemetry;

namespace UserStream.Dashboard.Otlp;

/// <summary>Decoded log export → the records the dashboard keeps. Throws on a broken record, so nothing is half-stored.</summary>
internal static class OtlpLogMapper
{
    public static IReadOnlyList<LogEntry> Map(LogExportRequest request)
    {
        var entries = new List<LogEntry>();
        foreach (var resource in request.Resources)
        {
            var service = OtlpValues.ServiceName(resource.Resource);
            foreach (var scope in resource.Scopes)
                foreach (var record in scope.Records)
                    entries.Add(MapRecord(record, service, scope.Scope?.Name ?? ""));
        }
        return entries;
    }

    private static LogEntry MapRecord(WireLogRecord record, string service, string category)
    {
        var attributes = OtlpValues.Attributes(record.Attributes);
        var message = OtlpValues.Text(record.Body);
        // Without a formatted message the .NET exporter still sends the template.
        if (message.Length == 0 && attributes.TryGetValue("{OriginalFormat}", out var template))
            message = template;
        if (message.Length == 0)
            message = record.EventName;
        var level = LogLevels.FromSeverity(record.SeverityNumber);
        if (level == LogLevelName.Unspecified && LogLevels.TryParse(record.SeverityText, out var fromText))
            level = fromText;
        return new LogEntry(
            0,
            OtlpValues.Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
            service,
            category,
            level,
            record.SeverityNumber,
            message,
            OtlpValues.Id(record.TraceId, 16, "trace_id", optional: true),
            OtlpValues.Id(record.SpanId, 8, "span_id", optional: true),
            attributes);
    }
}
