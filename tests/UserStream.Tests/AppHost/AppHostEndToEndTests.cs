using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Hosting;

namespace UserStream.Tests.AppHost;

/// <summary>
/// The AppHost as a user runs it, with no configuration (local PostgreSQL, embedded Kafka, no Cassandra)
/// and every port moved to a free one: users flow to the Api; a killed processor is restarted and catches
/// up; SIGTERM leaves no process and no PostgreSQL directory behind, and neither does SIGKILL.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AppHostEndToEndTests
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromMinutes(3);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Users_flow_a_killed_processor_is_restarted_and_sigterm_leaves_nothing_behind()
    {
        var ports = FreePorts();
        var resourcesUrl = $"http://127.0.0.1:{ports["dashboard"]}/api/resources";
        var usersUrl = $"http://127.0.0.1:{ports["api"]}/users";
        using var appHost = StartAppHost(ports);

        // 1. Users reach the Api.
        await appHost.EventuallyAsync("the Api returns users", StartBudget, async () => (await CountUsersAsync(usersUrl, onlyFirstPage: true)) > 0);

        // 2. Kill the processor; it is restarted once and becomes healthy again.
        var processorPid = (await ResourceAsync(resourcesUrl, "processor")).GetProperty("pid").GetInt32();
        var countAtKill = await CountUsersAsync(usersUrl);
        System.Diagnostics.Process.GetProcessById(processorPid).Kill();
        await appHost.EventuallyAsync("the processor is restarted and healthy", TimeSpan.FromMinutes(2), async () =>
        {
            var processor = await ResourceAsync(resourcesUrl, "processor");
            return processor.GetProperty("restarts").GetInt32() == 1
                && processor.GetProperty("state").GetString() == "healthy"
                && processor.GetProperty("pid").ValueKind == JsonValueKind.Number
                && processor.GetProperty("pid").GetInt32() != processorPid;
        });

        // 3. Users published meanwhile reach the store: the count keeps rising.
        await appHost.EventuallyAsync($"more than {countAtKill} users in the store", TimeSpan.FromMinutes(2),
            async () => await CountUsersAsync(usersUrl) > countAtKill);

        // 4. SIGTERM: everything stops, nothing is left.
        var resources = await GetJsonAsync(resourcesUrl);
        var pids = resources.EnumerateArray()
            .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number && r.GetProperty("pid").GetInt32() != appHost.Pid)
            .Select(r => r.GetProperty("pid").GetInt32())
            .Concat(LinuxProcesses.Descendants(appHost.Pid))
            .Distinct()
            .ToList();
        var postgresPid = (await ResourceAsync(resourcesUrl, "postgres")).GetProperty("pid").GetInt32();
        var postgresDirectory = PostgresRootDirectory(postgresPid);
        Assert.True(Directory.Exists(postgresDirectory), $"expected the local PostgreSQL directory {postgresDirectory}");

        appHost.SendTerminate();
        using (var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
            await appHost.WaitForExitAsync(exit.Token);

        Assert.Equal(0, appHost.ExitCode);
        var survivors = pids.Where(LinuxProcesses.IsAlive).Select(pid => $"{pid}: {LinuxProcesses.CommandLine(pid)}").ToList();
        Assert.Empty(survivors);
        Assert.False(Directory.Exists(postgresDirectory), $"{postgresDirectory} was not removed");
        var postgresLeft = LinuxProcesses.All().Where(LinuxProcesses.IsAlive)
            .Select(pid => $"{pid}: {LinuxProcesses.CommandLine(pid)}")
            .Where(command => command.Contains(postgresDirectory, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(postgresLeft);
    }

    [Fact]
    public async Task Children_die_and_postgres_is_cleaned_up_even_when_the_apphost_is_killed_hard()
    {
        var ports = FreePorts();
        var resourcesUrl = $"http://127.0.0.1:{ports["dashboard"]}/api/resources";
        using var appHost = StartAppHost(ports);
        await appHost.EventuallyAsync("every service is healthy", StartBudget, async () =>
            (await GetJsonAsync(resourcesUrl)).EnumerateArray()
                .Where(r => r.GetProperty("type").GetString() == "project")
                .All(r => r.GetProperty("state").GetString() == "healthy"));
        var postgresDirectory = PostgresRootDirectory((await ResourceAsync(resourcesUrl, "postgres")).GetProperty("pid").GetInt32());
        var children = LinuxProcesses.Descendants(appHost.Pid);
        Assert.NotEmpty(children);

        System.Diagnostics.Process.GetProcessById(appHost.Pid).Kill(entireProcessTree: false);

        await EventuallyTrue("no child of the killed AppHost is alive and its PostgreSQL directory is gone", TimeSpan.FromSeconds(30), () =>
            !children.Any(LinuxProcesses.IsAlive) && !Directory.Exists(postgresDirectory),
            () => string.Join("\n", children.Where(LinuxProcesses.IsAlive).Select(pid => $"{pid}: {LinuxProcesses.CommandLine(pid)}")) +
                  $"\n{postgresDirectory} exists: {Directory.Exists(postgresDirectory)}");
    }

    private static Dictionary<string, int> FreePorts() => new()
    {
        ["dashboard"] = FreePort.Next(), ["otlp"] = FreePort.Next(), ["api"] = FreePort.Next(),
        ["ingestor"] = FreePort.Next(), ["source"] = FreePort.Next(), ["processor"] = FreePort.Next(),
    };

    private AppHostProcess StartAppHost(Dictionary<string, int> ports)
    {
        var token = Guid.NewGuid().ToString("N");
        _http.DefaultRequestHeaders.Remove("X-UserStream-Token");
        _http.DefaultRequestHeaders.Add("X-UserStream-Token", token);
        return AppHostProcess.Start(ports.Select(p => $"--Ports:{p.Key}={p.Value}").Append($"--Dashboard:Token={token}"));
    }

    private static async Task EventuallyTrue(string what, TimeSpan budget, Func<bool> condition, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + budget;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        Assert.Fail($"not within {budget.TotalSeconds:0} s: {what}\n{explain()}");
    }

    /// <summary>The postmaster runs with <c>-D ROOT/data</c>; ROOT is the throwaway directory.</summary>
    private static string PostgresRootDirectory(int postmasterPid)
    {
        var arguments = File.ReadAllText($"/proc/{postmasterPid}/cmdline").Split('\0');
        var data = arguments[Array.IndexOf(arguments, "-D") + 1];
        return Path.GetDirectoryName(data.TrimEnd('/'))!;
    }

    private async Task<int> CountUsersAsync(string usersUrl, bool onlyFirstPage = false)
    {
        var count = 0;
        string? token = null;
        do
        {
            var url = usersUrl + "?limit=500" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var page = await GetJsonAsync(url);
            count += page.GetProperty("items").GetArrayLength();
            token = page.TryGetProperty("nextPageToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null && !onlyFirstPage);
        return count;
    }

    private async Task<JsonElement> ResourceAsync(string resourcesUrl, string name) =>
        (await GetJsonAsync(resourcesUrl)).EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private async Task<JsonElement> GetJsonAsync(string url) => await _http.GetFromJsonAsync<JsonElement>(url);
}
