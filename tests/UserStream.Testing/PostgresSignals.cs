using System.Globalization;

namespace UserStream.Testing;

/// <summary>Stages PostgreSQL faults on a server's real processes (the postmaster and its children) with signals.</summary>
public static class PostgresSignals
{
    /// <summary>The postmaster and every process it started (backends, checkpointer, WAL writer…).</summary>
    public static IReadOnlyList<int> ProcessesOf(LocalPostgresServer server)
    {
        var postmaster = server.ProcessId ?? throw new InvalidOperationException("the server is not running");
        var children = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == postmaster);
        return [postmaster, .. children];
    }

    public static Task SignalAsync(string signal, IReadOnlyList<int> processes) =>
        UserStream.Hosting.PostgreSQL.CommandRunner.RunAsync("kill", [$"-{signal}", .. processes.Select(p => p.ToString(CultureInfo.InvariantCulture))]);

    public static bool AnyAlive(IReadOnlyList<int> processes) => processes.Any(pid => Directory.Exists($"/proc/{pid}"));

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
