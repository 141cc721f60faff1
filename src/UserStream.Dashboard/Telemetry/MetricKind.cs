namespace UserStream.Dashboard.Telemetry;

/// <summary>How a metric is read: counters as a rate, gauges and up-down counters as a level, histograms as a distribution.</summary>
internal enum MetricKind
{
    Gauge,
    Counter,
    UpDownCounter,
    Histogram,
}
