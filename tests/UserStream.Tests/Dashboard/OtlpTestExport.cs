using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// Real OpenTelemetry SDK providers exporting OTLP/HTTP protobuf to a test host, so receiver tests
/// read what the services' own exporter writes. Each test names its own source or meter, because
/// ActivitySource and Meter listeners are process-wide.
/// </summary>
internal static class OtlpTestExport
{
    public static TracerProvider Tracing(DashboardTestHost host, string service, string source) =>
        Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource(service))
            .AddSource(source)
            .AddOtlpExporter(o => Point(o, host.Otlp("traces")))
            .Build();

    public static MeterProvider Metrics(DashboardTestHost host, string service, string meter) =>
        Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource(service))
            .AddMeter(meter)
            .AddOtlpExporter(o => Point(o, host.Otlp("metrics")))
            .Build();

    /// <summary>Logs go out when the factory is disposed (which flushes the batch).</summary>
    public static ILoggerFactory Logging(DashboardTestHost host, string service) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(Resource(service));
                o.IncludeFormattedMessage = true;
                o.AddOtlpExporter(e => Point(e, host.Otlp("logs")));
            }));

    private static ResourceBuilder Resource(string service) => ResourceBuilder.CreateEmpty().AddService(service);

    private static void Point(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
    }
}
