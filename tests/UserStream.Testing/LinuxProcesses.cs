using System.Globalization;

namespace UserStream.Testing;

/// <summary>What /proc says about processes: alive or not, command lines, descendants.</summary>
public static class LinuxProcesses
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    public static IEnumerable<int> All() =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(pid => pid > 0);

    public static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return -1;
        }
    }

    /// <summary>Every process below <paramref name="root"/> right now.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = All().ToDictionary(pid => pid, ParentOf);
        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var child in parents.Where(kv => kv.Value == parent).Select(kv => kv.Key))
            {
                result.Add(child);
                frontier.Enqueue(child);
            }
        }
        return result;
    }

    /// <summary>The first process below <paramref name="root"/> whose command line contains <paramref name="text"/>.</summary>
    public static int? DescendantRunning(int root, string text) =>
        Descendants(root).Cast<int?>().FirstOrDefault(pid => CommandLine(pid!.Value).Contains(text, StringComparison.Ordinal));

    /// <summary>Processes whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text) =>
        All().Where(pid => CommandLine(pid).Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>Sends <paramref name="signal"/> (e.g. "KILL", "STOP", "CONT", "TERM") with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        if (!TrySignal(pid, signal))
            throw new InvalidOperationException($"kill -{signal} {pid} failed");
    }

    /// <summary>Sends <paramref name="signal"/>; false when it could not be sent (the process has ended meanwhile).</summary>
    public static bool TrySignal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }
}
