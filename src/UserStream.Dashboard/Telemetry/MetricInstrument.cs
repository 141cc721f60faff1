namespace UserStream.Dashboard.Telemetry;

/// <summary>A metric as one service reports it (name, unit, kind) and its series.</summary>
internal sealed class MetricInstrument(string serviceName, string scope, string name, string description, string unit, MetricKind kind, bool cumulative)
{
    public string ServiceName { get; } = serviceName;
    public string Scope { get; set; } = scope;
    public string Name { get; } = name;
    public string Description { get; set; } = description;
    public string Unit { get; set; } = unit;
    public MetricKind Kind { get; set; } = kind;
    public bool Cumulative { get; set; } = cumulative;
    public Dictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);
}
