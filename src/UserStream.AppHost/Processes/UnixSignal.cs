using System.Runtime.InteropServices;

namespace UserStream.AppHost.Processes;

/// <summary>Sends a signal to a process: .NET only offers SIGKILL (Process.Kill), services deserve SIGTERM first.</summary>
internal static class UnixSignal
{
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>True when the signal was delivered.</summary>
    public static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;
}
