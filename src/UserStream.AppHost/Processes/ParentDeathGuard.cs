namespace UserStream.AppHost.Processes;

/// <summary>
/// A tiny <c>sh</c> child that does nothing until the AppHost dies without cleaning up (killed hard):
/// then the kernel sends it SIGTERM (parent-death signal) and it runs a cleanup command, e.g. stopping
/// a daemonized PostgreSQL and deleting its directory. After an orderly cleanup it is killed silently.
/// </summary>
public static class ParentDeathGuard
{
    private const string Script =
        "cleanup_command=$1; " +
        "cleanup() { sh -c \"$cleanup_command\"; kill $sleeper 2>/dev/null; exit 0; }; " +
        "trap cleanup TERM HUP; " +
        "sleep infinity & sleeper=$!; " +
        "wait";

    /// <summary>Starts the guard, or returns null where parent-death signals are not available.</summary>
    public static async Task<ChildProcess?> StartAsync(string cleanupCommand, ProcessLauncher? launcher = null)
    {
        launcher ??= ProcessLauncher.Shared;
        if (!launcher.UsesParentDeathSignal)
            return null;
        return await ChildProcess.StartAsync("/bin/sh", ["-c", Script, "userstream-guard", cleanupCommand], null, null,
            (_, _) => { }, launcher, parentDeathSignal: "TERM");
    }
}
