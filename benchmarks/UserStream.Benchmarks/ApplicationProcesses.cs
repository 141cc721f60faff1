using System.Globalization;
using UserStream.Testing;

namespace UserStream.Benchmarks;

/// <summary>
/// Every process of the running application, by the part it plays: each resource's processes (a project's
/// <c>dotnet run</c> launcher apart from the service), DCP's (its API server, controllers and per-resource monitors),
/// the dashboard, and this process, which hosts the AppHost (and the benchmark's own clients). Found from /proc as
/// this process, DCP's API server that watches it, and everything below either, so nothing the AppHost started is left out.
/// </summary>
public static class ApplicationProcesses
{
    public const string AppHost = "apphost";

    /// <summary>The groups and their live processes now.</summary>
    /// <param name="resources">Each resource's root process (as its snapshot names it) and those below it.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> Groups(IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> resources)
    {
        var roots = resources.Where(r => r.Pids.Count > 0).ToDictionary(r => r.Pids[0], r => r.Name);
        var parents = LinuxProcesses.All().ToDictionary(pid => pid, LinuxProcesses.ParentOf);
        var groups = new Dictionary<string, List<int>>();
        foreach (var pid in Tree(parents))
        {
            var command = LinuxProcesses.CommandLine(pid);
            string group;
            if (pid == Environment.ProcessId)
                group = AppHost;
            else if (roots.TryGetValue(pid, out var resource))
                group = IsDotnetRun(command) ? resource + " launcher" : resource;
            else if (ResourceAbove(pid, roots, parents) is { } owner)
                group = owner;
            else if (command.Contains("Aspire.Dashboard", StringComparison.Ordinal))
                group = "dashboard";
            else if (command.Contains("/dcp ", StringComparison.Ordinal))
                group = command.Contains(" monitor-process ", StringComparison.Ordinal) ? "dcp monitors" : "dcp";
            else
                group = "other: " + Path.GetFileName(command.Split(' ', 2)[0]);
            if (!groups.TryGetValue(group, out var list))
                groups[group] = list = [];
            list.Add(pid);
        }
        return groups.ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Value);
    }

    /// <summary>
    /// This process and everything below it, and DCP's: DCP's API server detaches from the AppHost at start (its
    /// parent becomes init) and watches it with <c>--monitor PID</c>; DCP's controllers start every resource.
    /// </summary>
    private static List<int> Tree(Dictionary<int, int> parents)
    {
        var own = Environment.ProcessId;
        var monitor = $" --monitor {own.ToString(CultureInfo.InvariantCulture)} ";
        List<int> roots = [own, .. parents.Keys.Where(pid => pid != own && (LinuxProcesses.CommandLine(pid) + " ").Contains(monitor, StringComparison.Ordinal)
            && LinuxProcesses.CommandLine(pid).Contains("start-apiserver", StringComparison.Ordinal))];
        var result = new List<int>(roots);
        var frontier = new Queue<int>(roots);
        while (frontier.TryDequeue(out var parent))
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                result.Add(child);
                frontier.Enqueue(child);
            }
        return result.Distinct().ToList();
    }

    private static string? ResourceAbove(int pid, Dictionary<int, string> roots, Dictionary<int, int> parents)
    {
        for (var at = pid; parents.TryGetValue(at, out var parent) && parent > 1; at = parent)
            if (roots.TryGetValue(parent, out var name))
                return name;
        return null;
    }

    /// <summary>Proportional set size (resident pages, each shared page split among the processes sharing it) in MiB: sums without counting shared memory twice.</summary>
    public static double PssMiB(int pid) => StatusKiB($"/proc/{pid}/smaps_rollup", "Pss:") / 1024.0;

    /// <summary>Peak resident memory (VmHWM) in MiB; 0 once the process is gone.</summary>
    public static double PeakRssMiB(int pid) => StatusKiB($"/proc/{pid}/status", "VmHWM:") / 1024.0;

    private static long StatusKiB(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    private static bool IsDotnetRun(string command)
    {
        var words = command.Split(' ', 3);
        return words.Length >= 2 && Path.GetFileName(words[0]) == "dotnet" && words[1] == "run";
    }
}
