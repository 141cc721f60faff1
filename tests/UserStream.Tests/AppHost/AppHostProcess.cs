using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace UserStream.Tests.AppHost;

/// <summary>The AppHost run as a user runs it: <c>dotnet UserStream.AppHost.dll --Ports:…</c>, its output kept for failure messages.</summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AppHostProcess Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath());
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Nothing configured, as on a fresh machine: every resource picks its mode by itself.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Resources__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Ports__", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        info.Environment["NO_COLOR"] = "1";
        return new AppHostProcess(Process.Start(info)!);
    }

    /// <summary>src/UserStream.AppHost/bin/&lt;this build's configuration&gt;/net10.0/UserStream.AppHost.dll (built with the tests).</summary>
    public static string DllPath() => UserStream.Hosting.BuiltProjects.DllPath("UserStream.AppHost",
        typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug");

    public string OutputTail(int lines = 60)
    {
        lock (_output)
        {
            var all = _output.ToString().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the AppHost's output when it exits or the budget runs out.</summary>
    public async Task EventuallyAsync(string what, TimeSpan budget, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + budget;
        string? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
                Assert.Fail($"the AppHost exited ({ExitCode}) before {what}:\n{OutputTail()}");
            try
            {
                if (await condition())
                    return;
                lastError = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidOperationException)
            {
                lastError = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        Assert.Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"not within {budget.TotalSeconds:0} s: {what} (last error: {lastError ?? "none"})\n{OutputTail()}"));
    }

    public void SendTerminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
