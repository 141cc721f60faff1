using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using UserStream.ServiceDefaults.Security;

namespace UserStream.ServiceDefaults;

/// <summary>What every UserStream service sets up the same way (Aspire's ServiceDefaults project).</summary>
public static class Extensions
{
    public const string LiveTag = "live";
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string MetricsPath = "/metrics";
    private const string MetricExportIntervalKey = "OTEL_METRIC_EXPORT_INTERVAL";

    /// <summary>
    /// OpenTelemetry, default health checks, service discovery, resilient HttpClients, and a non-zero exit code when a
    /// background service fails (so whatever supervises the process restarts it).
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<HostOptions>(options => options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.Services.AddHostedService<BackgroundServiceFailureExit>();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.AddApiKeyAuthentication();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Traces and metrics of ASP.NET Core, HttpClient, the runtime and our own <c>UserStream.*</c> sources;
    /// logs, traces and metrics over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; metrics also on <c>/metrics</c>.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(UserStreamTelemetry.Names)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(UserStreamTelemetry.Names)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    aspNetCore.Filter = context => !IsProbe(context.Request.Path);
                    aspNetCore.EnrichWithHttpResponse = RequestSpanNames.DropTrailingSlash;
                })
                .AddHttpClientInstrumentation());

        // The SDK reads OTEL_SERVICE_NAME itself; a service started by hand is still named after its assembly.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
            builder.Services.AddOpenTelemetry().ConfigureResource(resource =>
                resource.AddService(builder.Environment.ApplicationName, autoGenerateServiceInstanceId: false));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Metrics every 5 s unless OTEL_METRIC_EXPORT_INTERVAL says otherwise (the SDK's 60 s leaves a dashboard blank for a minute).
            if (string.IsNullOrWhiteSpace(builder.Configuration[MetricExportIntervalKey]))
                builder.Configuration.AddInMemoryCollection([new(MetricExportIntervalKey, "5000")]);
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>A "self" check for <c>/alive</c>; start-up failures of the other checks are logged as warnings.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("process is running"), [LiveTag]);
        builder.AddStartupAwareHealthLogging();
        return builder;
    }

    /// <summary><c>/health</c>: every check (dependencies reachable); <c>/alive</c>: only the live ones (process up); <c>/metrics</c>: Prometheus.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Unhandled errors and bare status codes become ProblemDetails, never an empty or HTML body.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>Probes and scrapes come every few seconds: their spans would drown the real traces.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath) || path.StartsWithSegments(MetricsPath);
}
