using Microsoft.AspNetCore.Builder;
using UserStream.Dashboard.Auth;

namespace UserStream.Dashboard;

/// <summary>Puts the browser-token check in front of the dashboard app.</summary>
public static class DashboardApplicationBuilderExtensions
{
    /// <summary>
    /// Requires the auth cookie (set by <c>/login?t=TOKEN</c>) or the <c>X-UserStream-Token</c> header
    /// for every endpoint of this app, the AppHost's <c>/api/resources</c> included, except the login
    /// page, static assets and the OTLP receiver. Call it after routing is known (a WebApplication
    /// routes first on its own) and before the endpoints run.
    /// </summary>
    public static IApplicationBuilder UseDashboardAuth(this IApplicationBuilder app) =>
        app.UseMiddleware<DashboardAuthMiddleware>();
}
