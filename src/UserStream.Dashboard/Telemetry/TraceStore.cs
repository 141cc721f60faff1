namespace UserStream.Dashboard.Telemetry;

/// <summary>Spans grouped by trace, at most <c>capacity</c> of them; the oldest received go first.</summary>
internal sealed class TraceStore(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<SpanRecord> _arrival = new();
    private readonly Dictionary<string, List<SpanRecord>> _byTrace = new(StringComparer.Ordinal);
    private long _dropped;

    public long DroppedSpans { get { lock (_gate) return _dropped; } }

    public int SpanCount { get { lock (_gate) return _arrival.Count; } }

    public void Add(IReadOnlyList<SpanRecord> spans)
    {
        lock (_gate)
        {
            foreach (var span in spans)
            {
                _arrival.Enqueue(span);
                if (!_byTrace.TryGetValue(span.TraceId, out var list))
                    _byTrace[span.TraceId] = list = [];
                list.Add(span);
            }
            while (_arrival.Count > Math.Max(capacity, 0))
                DropOldest();
        }
    }

    private void DropOldest()
    {
        var oldest = _arrival.Dequeue();
        var list = _byTrace[oldest.TraceId];
        list.Remove(oldest);
        if (list.Count == 0)
            _byTrace.Remove(oldest.TraceId);
        _dropped++;
    }

    /// <summary>Newest traces first; with a service, only traces that have a span of it.</summary>
    public IReadOnlyList<TraceSummary> List(string? service, int limit)
    {
        List<(string Id, SpanRecord[] Spans)> traces;
        lock (_gate)
            traces = _byTrace
                .Where(t => string.IsNullOrEmpty(service) || t.Value.Exists(s => s.ServiceName == service))
                .Select(t => (t.Key, t.Value.ToArray()))
                .ToList();
        return traces.Select(t => TraceSummary.Of(t.Id, t.Spans))
            .OrderByDescending(t => t.Start)
            .Take(Math.Max(limit, 0))
            .ToList();
    }

    /// <summary>The spans of one trace in start order, or null when none is kept.</summary>
    public IReadOnlyList<SpanRecord>? Get(string traceId)
    {
        lock (_gate)
            return _byTrace.TryGetValue(traceId.ToLowerInvariant(), out var list)
                ? list.OrderBy(s => s.Start).ToList()
                : null;
    }

    public IReadOnlyList<string> Services()
    {
        lock (_gate)
            return _arrival.Select(s => s.ServiceName).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
