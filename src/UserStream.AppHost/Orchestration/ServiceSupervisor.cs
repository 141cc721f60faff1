using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Processes;

namespace UserStream.AppHost.Orchestration;

/// <summary>
/// Runs one service as <c>dotnet &lt;dll&gt;</c>, waits for its <c>/health</c>, and restarts it when it
/// exits on its own (exponential backoff, restarts counted). One that keeps crashing, or never becomes
/// healthy in time, is marked failed; the other resources keep running.
/// </summary>
public sealed class ServiceSupervisor(
    ProjectResource project,
    ResourceStatus status,
    Uri baseUrl,
    IReadOnlyDictionary<string, string> environment,
    TimeSpan startTimeout,
    RestartPolicy policy,
    HttpClient http,
    Action<string> announce)
{
    private readonly CancellationTokenSource _stopping = new();
    private ChildProcess? _current;

    /// <summary>The <c>dotnet</c> host that runs the AppHost itself (so services run on the same runtime).</summary>
    public static string DotnetHost
    {
        get
        {
            var self = Environment.ProcessPath;
            if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
                return self;
            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        }
    }

    public async Task RunAsync()
    {
        var token = _stopping.Token;
        var crashes = new CrashHistory(policy);
        var dll = project.Project.DllPath;
        var probe = new HttpHealthProbe(http, new Uri(baseUrl, "/health"));
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!File.Exists(dll))
                {
                    Fail($"{project.Name} is not built: {dll} is missing. Build it with `dotnet build src/UserStream.AppHost` (which builds every service).");
                    return;
                }

                status.SetState(ResourceState.Starting);
                var process = await ChildProcess.StartAsync(DotnetHost, [dll], environment, project.Project.ProjectDirectory,
                    (line, isError) => status.Log.Write(line, isError),
                    removeInherited: ServiceEnvironment.InheritedReferenceVariables());
                _current = process;
                status.SetProcess(process.Pid);
                status.SetState(ResourceState.Running);

                var outcome = await ReadinessWait.UntilReadyAsync(probe, startTimeout, TimeSpan.FromMilliseconds(500), token,
                    () => process.HasExited ? $"the process exited with code {process.Exited.Result}" : null);
                if (outcome.IsReady)
                {
                    status.SetNote(null);
                    status.SetState(ResourceState.Healthy);
                    announce($"{project.Name} is healthy at {baseUrl} (pid {process.Pid})");
                }
                else if (!process.HasExited)
                {
                    await process.StopAsync(TimeSpan.FromSeconds(5));
                    Fail($"{project.Name} did not become healthy within {startTimeout.TotalSeconds:0} s ({outcome.LastError}); stopped it. " +
                         $"Raise Resources:{project.Name}:StartTimeout if it only needs longer.");
                    return;
                }

                var exitCode = await process.Exited.WaitAsync(token);
                if (token.IsCancellationRequested)
                    return;
                var decision = crashes.RecordCrash(DateTimeOffset.UtcNow);
                if (decision.GiveUp)
                {
                    Fail($"{project.Name} crashed {decision.CrashesInWindow} times within {policy.Window.TotalSeconds:0} s (last exit code {exitCode}); not restarting it.");
                    return;
                }
                var restarts = status.CountRestart();
                status.SetState(ResourceState.Starting, note: $"exited with code {exitCode}; restart #{restarts} in {decision.Delay!.Value.TotalSeconds:0.#} s");
                status.Log.Write($"[apphost] process exited with code {exitCode}; restarting in {decision.Delay.Value.TotalSeconds:0.#} s (restart #{restarts})", isError: true);
                await Task.Delay(decision.Delay.Value, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            Fail($"{project.Name} could not be started: {e.Message}");
        }
    }

    /// <summary>Stops supervising and stops the process (SIGTERM, then SIGKILL after <paramref name="grace"/>).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        if (_current is { } process)
            await process.StopAsync(grace);
        status.SetProcess(null);
        status.SetState(ResourceState.Stopped);
    }

    private void Fail(string reason)
    {
        status.SetProcess(null);
        status.SetState(ResourceState.Failed, reason);
        announce($"FAILED: {reason}{Environment.NewLine}  last lines of {project.Name}:{Environment.NewLine}{status.Log.LastLines()}");
    }
}
