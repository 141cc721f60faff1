namespace UserStream.Hosting.CrashRestart;

/// <summary>How crashed resources are restarted; bound from the AppHost's <c>RestartOnCrash</c> section.</summary>
public sealed class CrashRestartPolicy
{
    /// <summary>Crashes within <see cref="Window"/> after which restarts stop.</summary>
    public int MaxCrashes { get; set; } = 5;

    /// <summary>The window <see cref="MaxCrashes"/> counts in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait before the first restart; doubled for each further crash in the window.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a restart.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
