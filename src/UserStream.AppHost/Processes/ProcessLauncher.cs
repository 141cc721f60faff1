using System.Collections.Concurrent;
using System.Diagnostics;

namespace UserStream.AppHost.Processes;

/// <summary>
/// Starts every child process so that it cannot outlive the AppHost, even when the AppHost is killed
/// hard (SIGKILL, OOM): on Linux the child is started through <c>setpriv --pdeathsig KILL</c>, which sets
/// prctl(PR_SET_PDEATHSIG) and then execs the real program (same pid). The kernel sends that signal when
/// the *thread* that forked the child exits, not the process, so all forks happen on one dedicated thread
/// that lives as long as the AppHost (a thread-pool thread may retire and would take its children with it).
/// Each child also gets its own session (setsid), so terminal signals do not bypass the ordered shutdown.
/// Where setpriv is missing, children are started plainly and only the orderly shutdown stops them.
/// </summary>
public sealed class ProcessLauncher : IDisposable
{
    private const string SetPriv = "/usr/bin/setpriv";
    private const string SetSid = "/usr/bin/setsid";

    private readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Result)> _requests = new();
    private readonly Thread _thread;

    public ProcessLauncher()
    {
        UsesParentDeathSignal = OperatingSystem.IsLinux() && File.Exists(SetPriv) && File.Exists(SetSid);
        _thread = new Thread(Run) { IsBackground = true, Name = "child-process launcher" };
        _thread.Start();
    }

    public static ProcessLauncher Shared { get; } = new();

    /// <summary>True when children get SIGKILL from the kernel if the AppHost dies.</summary>
    public bool UsesParentDeathSignal { get; }

    /// <summary>Starts <paramref name="info"/> (its output should be redirected by the caller) on the launcher thread.</summary>
    /// <param name="info">The program to start.</param>
    /// <param name="parentDeathSignal">The signal the child gets when the AppHost dies (KILL, or TERM for a child that must clean up).</param>
    public Task<Process> StartAsync(ProcessStartInfo info, string parentDeathSignal = "KILL")
    {
        var result = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((UsesParentDeathSignal ? WithParentDeathSignal(info, parentDeathSignal) : info, result));
        return result.Task;
    }

    /// <summary>
    /// The same start info, run through <c>setpriv --pdeathsig SIGNAL -- setsid program args…</c>. Both exec
    /// (the pid stays the program's). setsid puts the child in a session of its own, so a Ctrl+C in the
    /// terminal reaches only the AppHost, which then stops the children in order (services first).
    /// </summary>
    public static ProcessStartInfo WithParentDeathSignal(ProcessStartInfo info, string signal = "KILL")
    {
        var wrapped = new ProcessStartInfo(SetPriv)
        {
            WorkingDirectory = info.WorkingDirectory,
            RedirectStandardOutput = info.RedirectStandardOutput,
            RedirectStandardError = info.RedirectStandardError,
            RedirectStandardInput = info.RedirectStandardInput,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--pdeathsig", signal, "--", SetSid, info.FileName, .. info.ArgumentList])
            wrapped.ArgumentList.Add(argument);
        wrapped.Environment.Clear();
        foreach (var (key, value) in info.Environment)
            wrapped.Environment[key] = value;
        return wrapped;
    }

    public void Dispose() => _requests.CompleteAdding();

    private void Run()
    {
        foreach (var (info, result) in _requests.GetConsumingEnumerable())
        {
            try
            {
                result.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
    }
}
