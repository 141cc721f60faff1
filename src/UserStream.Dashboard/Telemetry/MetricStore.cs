namespace UserStream.Dashboard.Telemetry;

/// <summary>
/// Metric series per service, at most <c>maxSeries</c> of them and <c>maxPointsPerSeries</c> points
/// each. Old points fall out of a series first; past the series bound the oldest series goes. Both
/// are counted as dropped points.
/// </summary>
internal sealed class MetricStore(int maxSeries, int maxPointsPerSeries)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Service, string Name), MetricInstrument> _instruments = new();
    private readonly LinkedList<MetricSeries> _seriesByAge = new();
    private long _dropped;

    public long DroppedPoints { get { lock (_gate) return _dropped; } }

    public int SeriesCount { get { lock (_gate) return _seriesByAge.Count; } }

    public void Add(IReadOnlyList<MetricSample> samples)
    {
        lock (_gate)
        {
            foreach (var sample in samples)
                AddOne(sample);
            while (_seriesByAge.Count > Math.Max(maxSeries, 1))
                DropOldestSeries();
        }
    }

    private void AddOne(MetricSample sample)
    {
        var id = (sample.ServiceName, sample.Name);
        if (!_instruments.TryGetValue(id, out var instrument))
            _instruments[id] = instrument = new MetricInstrument(
                sample.ServiceName, sample.Scope, sample.Name, sample.Description, sample.Unit, sample.Kind, sample.Cumulative);
        else if (instrument.Kind != sample.Kind)
        {
            // A service restarted with the metric redefined: the old points no longer compare.
            foreach (var old in instrument.Series.Values)
                Forget(old);
            instrument.Series.Clear();
            instrument.Kind = sample.Kind;
        }
        instrument.Description = sample.Description;
        instrument.Unit = sample.Unit;
        instrument.Cumulative = sample.Cumulative;

        var key = MetricSeries.KeyOf(sample.Attributes);
        if (!instrument.Series.TryGetValue(key, out var series))
        {
            instrument.Series[key] = series = new MetricSeries(instrument, key, sample.Attributes);
            _seriesByAge.AddLast(series);
        }
        _dropped += series.Add(sample.Point, maxPointsPerSeries);
    }

    private void DropOldestSeries()
    {
        var oldest = _seriesByAge.First!.Value;
        var instrument = oldest.Owner;
        instrument.Series.Remove(oldest.Key);
        if (instrument.Series.Count == 0)
            _instruments.Remove((instrument.ServiceName, instrument.Name));
        Forget(oldest);
    }

    private void Forget(MetricSeries series)
    {
        _seriesByAge.Remove(series);
        _dropped += series.PointCount;
    }

    /// <summary>A copy of every instrument and its series, safe to read while exports arrive.</summary>
    public IReadOnlyList<MetricInstrumentSnapshot> Snapshot(string? service = null)
    {
        lock (_gate)
            return _instruments.Values
                .Where(i => string.IsNullOrEmpty(service) || i.ServiceName == service)
                .OrderBy(i => i.ServiceName, StringComparer.Ordinal)
                .ThenBy(i => i.Name, StringComparer.Ordinal)
                .Select(i => new MetricInstrumentSnapshot(
                    i.ServiceName, i.Scope, i.Name, i.Description, i.Unit, i.Kind, i.Cumulative,
                    i.Series.Values.Select(s => new MetricSeriesSnapshot(s.Attributes, s.Points())).ToList()))
                .ToList();
    }
}

/// <summary>A read-only copy of one instrument.</summary>
internal sealed record MetricInstrumentSnapshot(
    string ServiceName, string Scope, string Name, string Description, string Unit, MetricKind Kind, bool Cumulative,
    IReadOnlyList<MetricSeriesSnapshot> Series);

/// <summary>A read-only copy of one series.</summary>
internal sealed record MetricSeriesSnapshot(IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<MetricPoint> Points);
