using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace UserStream.ServiceDefaults;

/// <summary>What every UserStream service sets up the same way (the role of Aspire's ServiceDefaults project).</summary>
public static class Extensions
{
    public const string LiveTag = "live";
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("process is running"), [LiveTag]);
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary><c>/health</c>: every check (dependencies reachable); <c>/alive</c>: only the live ones (process up).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseHttpServerSpanEnrichment();
        // Unhandled errors and bare status codes become ProblemDetails, never an empty or HTML body.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
