using System.Collections.Concurrent;

namespace UserStream.ServiceDefaults;

/// <summary>Which health checks have been healthy at least once since the process started.</summary>
internal sealed class HealthCheckStartupState(TimeProvider time, TimeSpan gracePeriod)
{
    private readonly long _started = time.GetTimestamp();
    private readonly ConcurrentDictionary<string, bool> _healthyOnce = new();

    public void MarkHealthy(string check) => _healthyOnce[check] = true;

    /// <summary>True while <paramref name="check"/> has never been healthy and the grace period is not over.</summary>
    public bool IsStarting(string check) =>
        !_healthyOnce.ContainsKey(check) && time.GetElapsedTime(_started) < gracePeriod;
}
