using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UserStream.Dashboard.Pages;

/// <summary>The page routes; each returns the shell with its script, which fetches the data.</summary>
internal static class DashboardPages
{
    public static void MapPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Redirect("/resources"));
        endpoints.MapGet("/resources", () => PageShell.Page("resources", "Resources", "resources.js"));
        endpoints.MapGet("/console", () => PageShell.Page("console", "Console logs", "console.js"));
        endpoints.MapGet("/console/{resource}", (string resource) => PageShell.Page("console", "Console logs", "console.js"));
        endpoints.MapGet("/logs", () => PageShell.Page("logs", "Structured logs", "logs.js"));
        endpoints.MapGet("/traces", () => PageShell.Page("traces", "Traces", "traces.js"));
        endpoints.MapGet("/traces/{traceId}", (string traceId) => PageShell.Page("traces", "Trace", "trace.js"));
        endpoints.MapGet("/metrics", () => PageShell.Page("metrics", "Metrics", "metrics.js"));
    }
}
