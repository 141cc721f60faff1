using System.Diagnostics;
using System.Reflection;
using UserStream.Hosting.PostgreSQL;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>The built AppHost run as its own process, as `dotnet run` runs it, for what only a real process shows (signals, exit, manifest).</summary>
public static class AppHostExecutable
{
    private static string Configuration =>
        typeof(AppHostExecutable).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>
    /// Starts the AppHost with the dashboard on free ports, every proxied port randomized (so nothing collides
    /// with another AppHost on the machine) and the schedule off.
    /// </summary>
    public static Process Start(Action<string>? onOutput = null, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(BuiltProjects.DllPath("UserStream.AppHost", Configuration));
        info.ArgumentList.Add("--DcpPublisher:RandomizePorts=true");
        info.ArgumentList.Add("--Ingestion:Schedule:Enabled=false");
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the AppHost");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onOutput?.Invoke(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onOutput?.Invoke(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the AppHost to completion with <paramref name="arguments"/>; returns its output, failing on a non-zero exit.</summary>
    public static Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync("dotnet", [BuiltProjects.DllPath("UserStream.AppHost", Configuration), .. arguments], cancellationToken);
}
