using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UserStream.Dashboard.Telemetry;

namespace UserStream.Dashboard.Api;

/// <summary>
/// The JSON API over the received telemetry: <c>/api/traces</c>, <c>/api/traces/{traceId}</c>,
/// <c>/api/logs</c>, <c>/api/metrics</c> and <c>/api/telemetry/services</c>. Each answer says how
/// much the bounds have dropped.
/// </summary>
internal static class TelemetryApiEndpoints
{
    private const int DefaultTraceLimit = 100;
    private const int DefaultLogLimit = 500;
    private const int MaxLimit = 5_000;

    public static void MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/traces", (DashboardTelemetry telemetry, string? service, int? limit) => Results.Json(new
        {
            telemetry.Traces.DroppedSpans,
            telemetry.Traces.SpanCount,
            Traces = telemetry.Traces.List(service, Clamp(limit, DefaultTraceLimit)).Select(TelemetryJson.TraceLine),
        }, TelemetryJson.Options));

        api.MapGet("/traces/{traceId}", (DashboardTelemetry telemetry, string traceId) =>
            telemetry.Traces.Get(traceId) is { Count: > 0 } spans
                ? Results.Json(new
                {
                    Summary = TelemetryJson.TraceLine(TraceSummary.Of(spans[0].TraceId, spans.ToList())),
                    Spans = spans.Select(TelemetryJson.Span),
                }, TelemetryJson.Options)
                : Results.Json(new { error = $"No trace {traceId} is kept (never received, or dropped as old)." }, statusCode: StatusCodes.Status404NotFound));

        api.MapGet("/logs", (DashboardTelemetry telemetry, string? resource, string? level, string? text, string? traceId, int? limit) =>
        {
            var minimum = LogLevelName.Unspecified;
            if (!string.IsNullOrEmpty(level) && !LogLevels.TryParse(level, out minimum))
                return Results.Json(new { error = $"Unknown level '{level}': use trace, debug, information, warning, error or critical." }, statusCode: StatusCodes.Status400BadRequest);
            var query = new LogQuery(resource, minimum, text, traceId, Clamp(limit, DefaultLogLimit));
            return Results.Json(new
            {
                telemetry.Logs.DroppedRecords,
                telemetry.Logs.Count,
                Logs = telemetry.Logs.Query(query).Select(TelemetryJson.Log),
            }, TelemetryJson.Options);
        });

        api.MapGet("/metrics", (DashboardTelemetry telemetry, string? service) => Results.Json(new
        {
            telemetry.Metrics.DroppedPoints,
            telemetry.Metrics.SeriesCount,
            Services = telemetry.Metrics.Snapshot(service)
                .GroupBy(m => m.ServiceName)
                .Select(g => new { Service = g.Key, Metrics = g.Select(TelemetryJson.Metric) }),
        }, TelemetryJson.Options));

        api.MapGet("/telemetry/services", (DashboardTelemetry telemetry) => Results.Json(new
        {
            Services = telemetry.Traces.Services()
                .Concat(telemetry.Logs.Services())
                .Concat(telemetry.Metrics.Snapshot().Select(m => m.ServiceName))
                .Distinct().Order(StringComparer.Ordinal),
            telemetry.Traces.DroppedSpans,
            telemetry.Logs.DroppedRecords,
            telemetry.Metrics.DroppedPoints,
        }, TelemetryJson.Options));
    }

    private static int Clamp(int? limit, int fallback) => Math.Clamp(limit ?? fallback, 1, MaxLimit);
}
