namespace UserStream.AppHost.Orchestration;

/// <summary>
/// When a crashed service is started again: after an exponentially growing delay (initial, doubled per
/// recent crash, capped), and not at all once it crashed <see cref="MaxCrashes"/> times within
/// <see cref="Window"/> — a service that keeps crashing is marked failed instead of spinning.
/// </summary>
public sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, int MaxCrashes, TimeSpan Window)
{
    public static readonly RestartPolicy Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 5, TimeSpan.FromMinutes(2));
}

/// <summary>Decision after a crash: restart after <see cref="Delay"/>, or give up (<see cref="Delay"/> is null).</summary>
public sealed record RestartDecision(TimeSpan? Delay, int CrashesInWindow)
{
    public bool GiveUp => Delay is null;
}

/// <summary>The crash times of one service, judged by a <see cref="RestartPolicy"/>.</summary>
public sealed class CrashHistory(RestartPolicy policy)
{
    private readonly Queue<DateTimeOffset> _crashes = new();

    public RestartDecision RecordCrash(DateTimeOffset at)
    {
        _crashes.Enqueue(at);
        while (_crashes.Count > 0 && at - _crashes.Peek() > policy.Window)
            _crashes.Dequeue();

        var recent = _crashes.Count;
        if (recent >= policy.MaxCrashes)
            return new RestartDecision(null, recent);

        var factor = Math.Pow(2, recent - 1);
        var delay = TimeSpan.FromTicks((long)Math.Min(policy.InitialDelay.Ticks * factor, policy.MaxDelay.Ticks));
        return new RestartDecision(delay, recent);
    }
}
