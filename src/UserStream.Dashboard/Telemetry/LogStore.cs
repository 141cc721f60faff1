namespace UserStream.Dashboard.Telemetry;

/// <summary>Structured log records, at most <c>capacity</c>; the oldest received go first.</summary>
internal sealed class LogStore(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<LogEntry> _entries = new();
    private long _dropped;
    private long _sequence;

    public long DroppedRecords { get { lock (_gate) return _dropped; } }

    public int Count { get { lock (_gate) return _entries.Count; } }

    public void Add(IReadOnlyList<LogEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
                _entries.Enqueue(entry with { Sequence = ++_sequence });
            while (_entries.Count > Math.Max(capacity, 0))
            {
                _entries.Dequeue();
                _dropped++;
            }
        }
    }

    /// <summary>Matching records, newest first by their own time (services export in batches, out of step).</summary>
    public IReadOnlyList<LogEntry> Query(LogQuery query)
    {
        LogEntry[] snapshot;
        lock (_gate)
            snapshot = _entries.ToArray();
        return snapshot.Where(query.Matches)
            .OrderByDescending(e => e.Time)
            .ThenByDescending(e => e.Sequence)
            .Take(query.Limit)
            .ToList();
    }

    public IReadOnlyList<string> Services()
    {
        lock (_gate)
            return _entries.Select(e => e.ServiceName).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
