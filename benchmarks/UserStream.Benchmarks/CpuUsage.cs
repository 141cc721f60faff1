using System.Globalization;

namespace UserStream.Benchmarks;

/// <summary>
/// CPU time (user + system, all threads) each resource's processes spent in a phase, from /proc/PID/stat: where
/// the machine's cores went while the pipeline ran, per process, without a profiler attached.
/// </summary>
public sealed class CpuUsage
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the .NET runtime supports
    private readonly IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> _resources;
    private readonly Dictionary<int, (string Group, double Seconds)> _start;
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private readonly (long Steal, long Total) _machineStart = MachineTicks();

    private CpuUsage(IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> resources)
    {
        _resources = resources;
        _start = Read();
    }

    /// <summary>
    /// Starts counting for every process of the application (<see cref="ApplicationProcesses"/>: the resources, their
    /// launchers, DCP, the dashboard and this process, "apphost", which hosts the AppHost and the benchmark).
    /// </summary>
    public static CpuUsage Start(IReadOnlyList<(string Name, IReadOnlyList<int> Pids)> resources) => new(resources);

    /// <summary>Seconds of CPU per group since the start (a process started since counts from 0), and the wall-clock seconds they are spread over.</summary>
    public CpuFigures Stop()
    {
        var end = Read();
        var wall = (DateTime.UtcNow - _startedAt).TotalSeconds;
        var (steal, total) = MachineTicks();
        var stolen = total > _machineStart.Total ? (double)(steal - _machineStart.Steal) / (total - _machineStart.Total) : 0;
        var seconds = new Dictionary<string, double>();
        foreach (var (pid, (group, now)) in end)
            seconds[group] = seconds.GetValueOrDefault(group) + now - (_start.TryGetValue(pid, out var before) ? before.Seconds : 0);
        return new CpuFigures(wall, seconds, stolen);
    }

    private Dictionary<int, (string Group, double Seconds)> Read()
    {
        var result = new Dictionary<int, (string, double)>();
        foreach (var (group, pids) in ApplicationProcesses.Groups(_resources))
            foreach (var pid in pids)
                result[pid] = (group, Seconds(pid));
        return result;
    }

    /// <summary>
    /// The machine's steal ticks (time a virtual machine's CPUs waited for the hypervisor) and all ticks, from the
    /// "cpu" line of /proc/stat: on a shared host, a phase with much stolen time runs slower for no reason of its own.
    /// </summary>
    private static (long Steal, long Total) MachineTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
            return (fields.Length > 7 ? fields[7] : 0, fields.Take(8).Sum());
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0; // the process is gone
        }
    }
}

/// <summary>CPU seconds per group over a phase of <see cref="WallSeconds"/>, and the share of the machine's time stolen by its hypervisor.</summary>
public sealed record CpuFigures(double WallSeconds, IReadOnlyDictionary<string, double> Seconds, double StolenShare)
{
    /// <summary>The share of the machine's cores the application used over the phase.</summary>
    public double MachineShare => Seconds.Values.Sum() / (WallSeconds * Environment.ProcessorCount);

    /// <summary>CPU microseconds per user stored, per group and as "total".</summary>
    public Dictionary<string, double> MicrosecondsPerUser(long users)
    {
        var result = new Dictionary<string, double> { ["total"] = Math.Round(Seconds.Values.Sum() * 1e6 / users, 1) };
        foreach (var (group, seconds) in Seconds.OrderByDescending(s => s.Value))
            result[group] = Math.Round(seconds * 1e6 / users, 1);
        return result;
    }

    /// <summary>Prints each resource's CPU seconds and its share of the machine's cores over the phase, busiest first.</summary>
    public void Print(string phase)
    {
        var capacity = WallSeconds * Environment.ProcessorCount;
        Console.WriteLine($"CPU during the {phase} ({WallSeconds:F1} s × {Environment.ProcessorCount} cores; s, share of the machine):");
        foreach (var (name, seconds) in Seconds.OrderByDescending(s => s.Value))
            Console.WriteLine($"  {name,-42}{seconds,8:F1} s {seconds / capacity,6:P0}");
        Console.WriteLine($"  {"all",-42}{Seconds.Values.Sum(),8:F1} s {Seconds.Values.Sum() / capacity,6:P0}");
        Console.WriteLine($"  {"stolen by the hypervisor (steal)",-42}{"",11}{StolenShare,6:P0}");
    }
}
