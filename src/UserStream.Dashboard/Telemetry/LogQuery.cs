namespace UserStream.Dashboard.Telemetry;

/// <summary>What a reader asks of the structured logs; every part is optional.</summary>
/// <param name="Resource">Only records of this service.</param>
/// <param name="MinimumLevel">Only records at this level or above.</param>
/// <param name="Text">Only records whose message, category or attribute values contain this (any case).</param>
/// <param name="TraceId">Only records written inside this trace.</param>
/// <param name="Limit">At most this many, newest first.</param>
internal sealed record LogQuery(string? Resource, LogLevelName MinimumLevel, string? Text, string? TraceId, int Limit)
{
    public bool Matches(LogEntry entry) =>
        (string.IsNullOrEmpty(Resource) || entry.ServiceName == Resource)
        && entry.Level >= MinimumLevel
        && (string.IsNullOrEmpty(TraceId) || string.Equals(entry.TraceId, TraceId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Text) || ContainsText(entry, Text));

    private static bool ContainsText(LogEntry entry, string text) =>
        entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Attributes.Values.Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase));
}
