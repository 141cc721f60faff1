namespace UserStream.AppHost.Logging;

/// <summary>One captured line of a resource's output (already masked).</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string Text, bool IsError);
