using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace UserStream.Testing;

/// <summary>
/// One UserStream service run as a user would run it: `dotnet UserStream.X.dll` from its own build
/// output, configured only by environment variables, listening on a free 127.0.0.1 port.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public string Output => string.Join('\n', _output);

    /// <summary>Starts UserStream.<paramref name="project"/> and waits until its /alive answers.</summary>
    public static Task<ServiceProcess> StartAsync(string project, IDictionary<string, string> environment) =>
        StartDllAsync(project, BuiltDll(project), environment);

    /// <summary>Starts a test-only service (tests/UserStream.<paramref name="project"/>) and waits until its /alive answers.</summary>
    public static Task<ServiceProcess> StartTestServiceAsync(string project, IDictionary<string, string> environment)
    {
        var name = $"UserStream.{project}";
        var dll = Path.Combine(BuiltProjects.RepositoryRoot(), "tests", name, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(dll)
            ? StartDllAsync(project, dll, environment)
            : throw new FileNotFoundException($"{name} is not built: {dll} is missing (build the solution)", dll);
    }

    private static async Task<ServiceProcess> StartDllAsync(string project, string dll, IDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["OTEL_SERVICE_NAME"] = project.ToLowerInvariant();
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Security__ApiKey"] = ApiKey;
        foreach (var (key, value) in environment)
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(project, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => service.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => service.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitAliveAsync(TimeSpan.FromSeconds(60));
        return service;
    }

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to end on its own.</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    /// <summary>Sends a signal ("TERM", "KILL", "STOP", "CONT") to the service process itself.</summary>
    public void Signal(string signal) => LinuxProcesses.Signal(_process.Id, signal);

    /// <summary>The API key every service started here has (unless the test gives it another <c>Security__ApiKey</c>).</summary>
    public const string ApiKey = "test-api-key-0123456789abcdefghijklmnop";

    /// <summary>A client of the service that sends <see cref="ApiKey"/> in X-Api-Key, as an operator's script would.</summary>
    public HttpClient CreateClient() => WithApiKey(new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) }, ApiKey);

    /// <summary>A client of the service that sends no API key, as a stranger would.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Makes <paramref name="client"/> send <paramref name="key"/> in X-Api-Key with every request.</summary>
    public static HttpClient WithApiKey(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first, as a supervisor would stop it; SIGKILL only when it does not stop in time.
            try { Signal("TERM"); }
            catch (InvalidOperationException) { }
            try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)); }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _)) { }
    }

    private async Task WaitAliveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was alive:\n{Output}");
            try
            {
                if ((await http.GetAsync("alive")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not alive within {timeout}:\n{Output}");
    }

    private static string Configuration =>
        typeof(ServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string BuiltDll(string project) => BuiltProjects.DllPath($"UserStream.{project}", Configuration);
}
