namespace UserStream.Dashboard.Telemetry;

/// <summary>One metric with its attribute set (say, <c>outcome=ok</c>): a bounded run of points.</summary>
internal sealed class MetricSeries(MetricInstrument owner, string key, IReadOnlyDictionary<string, string> attributes)
{
    private readonly Queue<MetricPoint> _points = new();

    public MetricInstrument Owner { get; } = owner;

    public string Key { get; } = key;

    public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

    public int PointCount => _points.Count;

    /// <summary>Adds a point unless it repeats the last one's time (a retried export); returns how many old points fell out.</summary>
    public int Add(MetricPoint point, int maxPoints)
    {
        if (_points.Count > 0 && _points.Last().Time == point.Time)
            return 0;
        _points.Enqueue(point);
        var dropped = 0;
        while (_points.Count > Math.Max(maxPoints, 1))
        {
            _points.Dequeue();
            dropped++;
        }
        return dropped;
    }

    public MetricPoint[] Points() => _points.ToArray();

    /// <summary>A stable key for an attribute set, whatever order the exporter wrote it in.</summary>
    public static string KeyOf(IReadOnlyDictionary<string, string> attributes) =>
        string.Join('\u001f', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value));
}
