using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace UserStream.Dashboard;

/// <summary>Registers the dashboard's options and its in-memory telemetry.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DashboardOptions"/> and one <see cref="DashboardTelemetry"/>. A telemetry
    /// instance registered before this call wins, which lets two web apps (OTLP on 4318, pages on
    /// 18888) share one store: create it once and register the same instance in both.
    /// </summary>
    public static IServiceCollection AddUserStreamDashboard(this IServiceCollection services, Action<DashboardOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<DashboardOptions>();
        if (configure is not null)
            optionsBuilder.Configure(configure);
        services.TryAddSingleton(sp => new DashboardTelemetry(sp.GetRequiredService<IOptions<DashboardOptions>>().Value));
        return services;
    }
}
