using UserStream.Dashboard.Otlp.Wire;
using UserStream.Dashboard.Telemetry;

namespace UserStream.Dashboard.Otlp;

/// <summary>Decoded metric export → one sample per data point. Kinds the dashboard does not chart are skipped.</summary>
internal static class OtlpMetricMapper
{
    private const int Cumulative = 2;

    public static IReadOnlyList<MetricSample> Map(MetricExportRequest request)
    {
        var samples = new List<MetricSample>();
        foreach (var resource in request.Resources)
        {
            var service = OtlpValues.ServiceName(resource.Resource);
            foreach (var scope in resource.Scopes)
                foreach (var metric in scope.Metrics)
                    AddSamples(samples, metric, service, scope.Scope?.Name ?? "");
        }
        return samples;
    }

    private static void AddSamples(List<MetricSample> samples, WireMetric metric, string service, string scope)
    {
        if (string.IsNullOrEmpty(metric.Name))
            throw new OtlpPayloadException("metric name must not be empty.");
        MetricSample Sample(MetricKind kind, bool cumulative, Google.Protobuf.Collections.RepeatedField<OtlpAttribute> attributes, MetricPoint point) =>
            new(service, scope, metric.Name, metric.Description, metric.Unit, kind, cumulative, OtlpValues.Attributes(attributes), point);

        switch (metric.DataCase)
        {
            case WireMetric.DataOneofCase.Gauge:
                foreach (var p in metric.Gauge.Points)
                    samples.Add(Sample(MetricKind.Gauge, false, p.Attributes, NumberPoint(p)));
                break;
            case WireMetric.DataOneofCase.Sum:
                var kind = metric.Sum.Monotonic ? MetricKind.Counter : MetricKind.UpDownCounter;
                foreach (var p in metric.Sum.Points)
                    samples.Add(Sample(kind, metric.Sum.Temporality == Cumulative, p.Attributes, NumberPoint(p)));
                break;
            case WireMetric.DataOneofCase.Histogram:
                foreach (var p in metric.Histogram.Points)
                    samples.Add(Sample(MetricKind.Histogram, metric.Histogram.Temporality == Cumulative, p.Attributes, HistogramPoint(p)));
                break;
        }
    }

    private static MetricPoint NumberPoint(WireNumberPoint p) => new(
        OtlpValues.Time(p.TimeUnixNano),
        p.StartUnixNano == 0 ? null : OtlpValues.Time(p.StartUnixNano),
        p.ValueCase == WireNumberPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble);

    private static MetricPoint HistogramPoint(WireHistogramPoint p)
    {
        if (p.BucketCounts.Count != 0 && p.BucketCounts.Count != p.ExplicitBounds.Count + 1)
            throw new OtlpPayloadException($"histogram has {p.BucketCounts.Count} buckets for {p.ExplicitBounds.Count} bounds; expected bounds + 1.");
        return new MetricPoint(
            OtlpValues.Time(p.TimeUnixNano),
            p.StartUnixNano == 0 ? null : OtlpValues.Time(p.StartUnixNano),
            null,
            p.Count,
            p.HasSum ? p.Sum : null,
            p.HasMin ? p.Min : null,
            p.HasMax ? p.Max : null,
            p.ExplicitBounds.ToArray(),
            p.BucketCounts.ToArray());
    }
}
