using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace UserStream.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs through the OpenTelemetry SDK, exported over OTLP only when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set. OpenTelemetry.Extensions.Hosting and the instrumentation
/// packages are not served here, so the providers are built directly and listen to the
/// ActivitySources and Meters that ASP.NET Core and HttpClient publish on their own.
/// </summary>
public static class OpenTelemetrySetup
{
    /// <summary>Our own ActivitySources and Meters all start with this prefix.</summary>
    public const string UserStreamPrefix = "UserStream";

    private static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    public static bool ExportEnabled(IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var resource = ResourceBuilder.CreateDefault()
            .AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName);
        var export = ExportEnabled(builder);

        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(FrameworkSources)
            .AddSource(UserStreamPrefix + ".*")
            .AddProcessor(new HealthProbeTraceFilter());
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(FrameworkMeters)
            .AddMeter(UserStreamPrefix + ".*");
        if (export)
        {
            tracing.AddOtlpExporter();
            metrics.AddOtlpExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5_000);
        }

        // Built now, so spans started during start-up are seen; disposed (and flushed) with the host.
        builder.Services.AddSingleton(new TelemetryProviders(tracing.Build(), metrics.Build()));

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (export)
                logging.AddOtlpExporter();
        });
        return builder;
    }

    /// <summary>Owns the providers so the host flushes and disposes them at shutdown.</summary>
    private sealed class TelemetryProviders(TracerProvider? tracer, MeterProvider? meter) : IDisposable
    {
        public void Dispose()
        {
            tracer?.Dispose();
            meter?.Dispose();
        }
    }
}
