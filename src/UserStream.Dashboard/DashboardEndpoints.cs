using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using UserStream.Dashboard.Api;
using UserStream.Dashboard.Auth;
using UserStream.Dashboard.Pages;

namespace UserStream.Dashboard;

/// <summary>The dashboard app's endpoints: pages, static assets, login and the telemetry JSON API.</summary>
public static class DashboardEndpoints
{
    /// <summary>
    /// Maps the pages (<c>/resources</c>, <c>/console</c>, <c>/logs</c>, <c>/traces</c>, <c>/metrics</c>),
    /// <c>/login</c>, <c>/assets/*</c> and the JSON API. The pages also read the AppHost's
    /// <c>/api/resources</c> and <c>/api/resources/{name}/logs</c> from the same origin.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLogin();
        endpoints.MapAssets();
        endpoints.MapPages();
        endpoints.MapTelemetryApi();
        return endpoints;
    }
}
