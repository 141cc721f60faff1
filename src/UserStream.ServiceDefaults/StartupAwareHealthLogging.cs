using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UserStream.ServiceDefaults;

/// <summary>
/// A dependency that is not reachable yet while a service starts is normal, but the health check service
/// logs every unhealthy result as an error. Each check is wrapped so that its failures log as warnings until
/// it has first been healthy (or the start-up grace period is over), and as errors after that; the health
/// check service's own error lines, which would repeat them in red, are filtered out.
/// </summary>
public static class StartupAwareHealthLogging
{
    /// <summary>Configuration key of the grace period (a TimeSpan, default one minute).</summary>
    public const string GracePeriodKey = "HealthChecks:StartupGracePeriod";

    /// <summary>The category whose Error lines repeat what <see cref="LoggedHealthCheck"/> logs.</summary>
    internal const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    public static TBuilder AddStartupAwareHealthLogging<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var gracePeriod = builder.Configuration.GetValue(GracePeriodKey, TimeSpan.FromMinutes(1));
        builder.Services.AddSingleton(sp => new HealthCheckStartupState(sp.GetService<TimeProvider>() ?? TimeProvider.System, gracePeriod));
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var inner = registration.Factory;
                var name = registration.Name;
                var failureStatus = registration.FailureStatus;
                registration.Factory = sp => new LoggedHealthCheck(
                    name, failureStatus, inner(sp), sp.GetRequiredService<HealthCheckStartupState>(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LoggedHealthCheck)));
            }
        });
        builder.Services.PostConfigure<LoggerFilterOptions>(options => HealthCheckServiceLogFilter.Apply(options, HealthCheckServiceCategory));
        return builder;
    }
}
