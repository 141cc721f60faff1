namespace UserStream.Benchmarks;

/// <summary>Peak resident memory of a process (VmHWM in /proc/PID/status), in MiB; null once the process is gone.</summary>
public static class PeakMemory
{
    public static double? MiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        return null;
    }

    /// <summary>
    /// Each resource's peak: the largest VmHWM among its processes (a project's `dotnet run` launcher and the service
    /// below it), plus "apphost", this process, which hosts the AppHost and the benchmark's own clients.
    /// </summary>
    public static async Task<Dictionary<string, double>> PerProcessAsync(AppHostProcess appHost)
    {
        var result = new Dictionary<string, double>();
        foreach (var (name, pids) in await appHost.ResourceProcessesAsync())
            if (pids.Select(MiB).Max() is { } mib)
                result[name] = mib;
        if (MiB(appHost.Pid) is { } own)
            result["apphost"] = own;
        return result;
    }
}
