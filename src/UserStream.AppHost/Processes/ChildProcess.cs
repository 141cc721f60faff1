using System.Diagnostics;

namespace UserStream.AppHost.Processes;

/// <summary>A running child process whose stdout and stderr lines go to a callback; stopped with SIGTERM, then SIGKILL.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, Action<string, bool> onLine)
    {
        _process = process;
        Pid = process.Id;
        _process.EnableRaisingEvents = true;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        _process.Exited += (_, _) => _ = CompleteExitAsync();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (_process.HasExited)
            _ = CompleteExitAsync();
    }

    public int Pid { get; }

    /// <summary>Completes with the exit code once the process has exited and its output was read.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static async Task<ChildProcess> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string? workingDirectory,
        Action<string, bool> onLine,
        ProcessLauncher? launcher = null,
        string parentDeathSignal = "KILL",
        IEnumerable<string>? removeInherited = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in removeInherited ?? [])
            info.Environment.Remove(name);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        var process = await (launcher ?? ProcessLauncher.Shared).StartAsync(info, parentDeathSignal);
        return new ChildProcess(process, onLine);
    }

    /// <summary>SIGTERM, then SIGKILL (with its descendants) if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
            return;
        if (UnixSignal.Send(Pid, UnixSignal.SigTerm))
        {
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await Exited.WaitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: kill below.
            }
        }
        Kill();
        await ((Task)Exited).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private async Task CompleteExitAsync()
    {
        // WaitForExitAsync also waits until redirected output has been read to the end.
        try { await _process.WaitForExitAsync(); }
        catch (InvalidOperationException) { }
        _exited.TrySetResult(_process.HasExited ? _process.ExitCode : -1);
    }
}
