using Aspire.Hosting.ApplicationModel;

namespace UserStream.Hosting.CrashRestart;

/// <summary>Marks a resource that <see cref="CrashRestarter"/> starts again when it crashes.</summary>
public sealed class RestartOnCrashAnnotation(CrashRestartPolicy policy) : IResourceAnnotation
{
    /// <summary>The policy for this resource.</summary>
    public CrashRestartPolicy Policy { get; } = policy;
}
