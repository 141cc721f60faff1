using UserStream.Dashboard.Telemetry;

namespace UserStream.Dashboard;

/// <summary>
/// Everything the OTLP receiver has kept in memory: spans, structured logs and metric series,
/// each bounded, the oldest dropped first. One instance is shared by the receiver and the pages.
/// </summary>
public sealed class DashboardTelemetry
{
    /// <summary>Empty stores sized by <paramref name="options"/>.</summary>
    public DashboardTelemetry(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Traces = new TraceStore(options.MaxSpans);
        Logs = new LogStore(options.MaxLogRecords);
        Metrics = new MetricStore(options.MaxMetricSeries, options.MaxPointsPerSeries);
    }

    internal TraceStore Traces { get; }

    internal LogStore Logs { get; }

    internal MetricStore Metrics { get; }
}
