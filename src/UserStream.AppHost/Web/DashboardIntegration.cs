using Microsoft.AspNetCore.Builder;
using UserStream.AppHost.Configuration;

namespace UserStream.AppHost.Web;

/// <summary>
/// The seam for the dashboard pages and the OTLP receiver (library src/UserStream.Dashboard). Until it
/// is wired, the web host serves only the resource API, no receiver runs, and services get
/// OTEL_EXPORTER_OTLP_ENDPOINT only when the user configured one.
/// Wiring it: in <see cref="AddServices"/> call <c>builder.Services.AddUserStreamDashboard(o => …)</c>;
/// in <see cref="Map"/> call <c>app.UseDashboardAuth()</c> and <c>app.MapDashboard()</c>; start a second
/// Kestrel app on <see cref="AppHostSettings.OtlpPort"/> with <c>MapOtlpReceiver()</c> in
/// <see cref="StartOtlpReceiverAsync"/> and return that port from <see cref="OtlpReceiverPort"/>.
/// </summary>
internal static class DashboardIntegration
{
    /// <summary>The port of the AppHost's own OTLP receiver (checked for conflicts, passed to services), or null while there is none.</summary>
    public static int? OtlpReceiverPort(AppHostSettings settings) => null;

    public static void AddServices(WebApplicationBuilder builder, AppHostSettings settings)
    {
    }

    public static void Map(WebApplication app)
    {
    }

    /// <summary>Starts the OTLP receiver; the result is disposed at shutdown.</summary>
    public static Task<IAsyncDisposable?> StartOtlpReceiverAsync(AppHostSettings settings, IServiceProvider dashboardServices) =>
        Task.FromResult<IAsyncDisposable?>(null);
}
