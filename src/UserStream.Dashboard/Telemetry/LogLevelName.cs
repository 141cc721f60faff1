namespace UserStream.Dashboard.Telemetry;

/// <summary>The six levels a reader filters on, from OTLP's 24 severity numbers.</summary>
internal enum LogLevelName
{
    Unspecified = 0,
    Trace = 1,
    Debug = 2,
    Information = 3,
    Warning = 4,
    Error = 5,
    Critical = 6,
}

internal static class LogLevels
{
    /// <summary>OTLP groups severities in fours: 1–4 trace, 5–8 debug, … 21–24 fatal.</summary>
    public static LogLevelName FromSeverity(int severityNumber) =>
        severityNumber is < 1 or > 24 ? LogLevelName.Unspecified : (LogLevelName)((severityNumber - 1) / 4 + 1);

    /// <summary>Reads a level as people write it (<c>warn</c>, <c>Warning</c>, <c>error</c>, <c>fatal</c>).</summary>
    public static bool TryParse(string? text, out LogLevelName level)
    {
        level = (text ?? "").Trim().ToLowerInvariant() switch
        {
            "trace" or "verbose" => LogLevelName.Trace,
            "debug" => LogLevelName.Debug,
            "info" or "information" => LogLevelName.Information,
            "warn" or "warning" => LogLevelName.Warning,
            "error" => LogLevelName.Error,
            "critical" or "fatal" => LogLevelName.Critical,
            _ => LogLevelName.Unspecified,
        };
        return level != LogLevelName.Unspecified;
    }
}
