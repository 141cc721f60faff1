using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;
using UserStream.Hosting;

namespace UserStream.Tests.AppHost;

public sealed class ServiceSupervisorTests : IDisposable
{
    private readonly string _projectDirectory = Directory.CreateTempSubdirectory("userstream-supervisor-").FullName;
    private readonly HttpClient _http = new();
    private readonly List<string> _announcements = [];

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_projectDirectory, recursive: true);
    }

    /// <summary>A "service" whose dll is not a .NET app: <c>dotnet</c> exits with an error at once, every time.</summary>
    private ServiceProject CrashingProject()
    {
        var project = new ServiceProject("Crashing", _projectDirectory, "Debug", "net10.0");
        Directory.CreateDirectory(Path.GetDirectoryName(project.DllPath)!);
        File.WriteAllText(project.DllPath, "not an assembly");
        return project;
    }

    private (ServiceSupervisor Supervisor, ResourceStatus Status) Supervise(ServiceProject project, RestartPolicy policy)
    {
        var resource = new ProjectResource("crashing", project);
        var status = new ResourceStatus(resource, new ResourceLog("crashing", new SecretMasker(), echo: null));
        var supervisor = new ServiceSupervisor(resource, status, new Uri($"http://127.0.0.1:{FreePort.Next()}"),
            new Dictionary<string, string>(), TimeSpan.FromSeconds(60), policy, _http, _announcements.Add);
        return (supervisor, status);
    }

    [Fact]
    public async Task A_service_that_keeps_crashing_is_restarted_with_counted_restarts_then_marked_failed()
    {
        var policy = new RestartPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), MaxCrashes: 3, Window: TimeSpan.FromMinutes(5));
        var (supervisor, status) = Supervise(CrashingProject(), policy);

        await supervisor.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(ResourceState.Failed, status.State);
        Assert.Equal(2, status.Restarts);
        Assert.Contains("crashed 3 times", status.Note);
        Assert.False(await status.Ready);
        Assert.Contains(_announcements, a => a.StartsWith("FAILED: crashing crashed 3 times", StringComparison.Ordinal));
        Assert.Contains(status.Log.Buffer.Tail(), line => line.Text.Contains("restarting in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_that_was_not_built_fails_with_the_command_that_builds_it()
    {
        var (supervisor, status) = Supervise(new ServiceProject("Missing", _projectDirectory, "Debug", "net10.0"), RestartPolicy.Default);

        await supervisor.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ResourceState.Failed, status.State);
        Assert.Contains("dotnet build src/UserStream.AppHost", status.Note);
        Assert.Equal(0, status.Restarts);
    }
}
