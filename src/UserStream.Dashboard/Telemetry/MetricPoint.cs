namespace UserStream.Dashboard.Telemetry;

/// <summary>
/// One observation of a series: <see cref="Value"/> for gauges and sums; count, sum, min, max and
/// explicit buckets for histograms (bucket i counts values ≤ Bounds[i], the last one the rest).
/// </summary>
internal sealed record MetricPoint(
    DateTimeOffset Time,
    DateTimeOffset? StartTime,
    double? Value,
    ulong? Count = null,
    double? Sum = null,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<double>? Bounds = null,
    IReadOnlyList<ulong>? BucketCounts = null);

/// <summary>A point together with the metric and series it belongs to, as the receiver decodes it.</summary>
internal sealed record MetricSample(
    string ServiceName,
    string Scope,
    string Name,
    string Description,
    string Unit,
    MetricKind Kind,
    bool Cumulative,
    IReadOnlyDictionary<string, string> Attributes,
    MetricPoint Point);
