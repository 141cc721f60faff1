namespace UserStream.Benchmarks;

/// <summary>The application's memory: each group's peak (<see cref="ApplicationProcesses"/>) and the whole application's now.</summary>
public static class PeakMemory
{
    /// <summary>
    /// Each group's peak resident memory (VmHWM): the largest among its processes, as each process has its own peak;
    /// and the whole application's memory now, summed over every process as Pss so shared pages count once.
    /// </summary>
    public static async Task<(Dictionary<string, double> PeakPerGroup, double ApplicationMiB)> MeasureAsync(AppHostProcess appHost)
    {
        var groups = ApplicationProcesses.Groups(await appHost.ResourceProcessesAsync());
        var peaks = groups.ToDictionary(g => g.Key, g => g.Value.Max(ApplicationProcesses.PeakRssMiB));
        return (peaks, groups.Values.SelectMany(p => p).Sum(ApplicationProcesses.PssMiB));
    }
}
