namespace UserStream.AppHost.Logging;

/// <summary>The most recent lines of one resource's output; the oldest are dropped once it is full.</summary>
public sealed class LogBuffer(int capacity = LogBuffer.DefaultCapacity)
{
    public const int DefaultCapacity = 2000;

    private readonly Queue<LogLine> _lines = new();
    private readonly object _gate = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public void Add(LogLine line)
    {
        lock (_gate)
        {
            if (_lines.Count == Capacity)
                _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    /// <summary>The last <paramref name="count"/> lines (all when null), oldest first.</summary>
    public IReadOnlyList<LogLine> Tail(int? count = null)
    {
        lock (_gate)
        {
            var skip = count is { } c && c < _lines.Count ? _lines.Count - c : 0;
            return _lines.Skip(skip).ToArray();
        }
    }
}
