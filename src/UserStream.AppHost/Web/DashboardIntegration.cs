using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UserStream.AppHost.Configuration;
using UserStream.Dashboard;

namespace UserStream.AppHost.Web;

/// <summary>
/// Hosts the dashboard (src/UserStream.Dashboard) in the AppHost's web app: one app listening on the
/// dashboard port (pages, telemetry API, the resource API — all behind the login token) and on the
/// OTLP port (the receiver the services export to, no token, 127.0.0.1 only).
/// </summary>
internal static class DashboardIntegration
{
    /// <summary>The port of the AppHost's OTLP receiver: checked for conflicts and passed to the services.</summary>
    public static int? OtlpReceiverPort(AppHostSettings settings) => settings.OtlpPort;

    public static void AddServices(WebApplicationBuilder builder, AppHostSettings settings, int dashboardPort, int otlpPort)
    {
        builder.WebHost.UseUrls($"http://127.0.0.1:{dashboardPort}", $"http://127.0.0.1:{otlpPort}");
        builder.Services.AddUserStreamDashboard(options =>
        {
            if (settings.DashboardToken is { } token)
                options.BrowserToken = token;
        });
    }

    public static void Map(WebApplication app, int otlpPort)
    {
        app.UseDashboardAuth();
        app.MapDashboard();
        app.MapOtlpReceiver().RequireHost($"*:{otlpPort}");
    }

    /// <summary>The link that signs a browser in (it carries the token, as Aspire's dashboard link does).</summary>
    public static string LoginUrl(WebApplication app, int dashboardPort) =>
        $"http://127.0.0.1:{dashboardPort}{app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.LoginPath}";
}
