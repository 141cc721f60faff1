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
}
