using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using UserStream.Hosting;

namespace UserStream.Benchmarks;

/// <summary>The AppHost run as a user runs it, on free ports, with the schedule off so only the benchmark's runs flow.</summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private const string Token = "benchmark";
    private readonly Process _process;
    private readonly int _dashboardPort;

    private AppHostProcess(Process process, int dashboardPort, int ingestorPort)
    {
        _process = process;
        _dashboardPort = dashboardPort;
        Ingestor = new Uri($"http://127.0.0.1:{ingestorPort}/");
    }

    public Uri Ingestor { get; }
    public int Pid => _process.Id;

    public static async Task<AppHostProcess> StartAsync()
    {
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = BuiltProjects.DllPath("UserStream.AppHost", configuration);
        var ports = new Dictionary<string, int>();
        foreach (var name in new[] { "dashboard", "otlp", "api", "ingestor", "source", "processor" })
            ports[name] = FreePort.Next();

        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--Dashboard:Token={Token}");
        foreach (var (name, port) in ports)
            info.ArgumentList.Add($"--Ports:{name}={port}");
        info.Environment["Ingestion__Schedule__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the AppHost");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("apphost: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new AppHostProcess(process, ports["dashboard"], ports["ingestor"]);
        await host.WaitHealthyAsync(TimeSpan.FromMinutes(3));
        return host;
    }

    /// <summary>The resources as GET /api/resources shows them.</summary>
    public async Task<JsonElement> ResourcesAsync()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-UserStream-Token", Token);
        return await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{_dashboardPort}/api/resources");
    }

    /// <summary>The PostgreSQL connection string the services were given (trust authentication: nothing secret in it).</summary>
    public async Task<string> PostgresConnectionStringAsync()
    {
        foreach (var resource in (await ResourcesAsync()).EnumerateArray())
            if (resource.GetProperty("environment").TryGetProperty("ConnectionStrings__postgres", out var value))
                return value.GetString()!;
        throw new InvalidOperationException("no service received ConnectionStrings__postgres");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await CommandRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the AppHost exited with {_process.ExitCode}");
            try
            {
                var services = (await ResourcesAsync()).EnumerateArray().Where(r => r.GetProperty("type").GetString() == "project").ToList();
                last = string.Join(", ", services.Select(s => $"{s.GetProperty("name").GetString()}={s.GetProperty("state").GetString()}"));
                if (services.Count > 0 && services.All(s => s.GetProperty("state").GetString() == "healthy"))
                    return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException($"the pipeline was not healthy within {timeout}: {last}");
    }
}
