namespace UserStream.Cql;

/// <summary>The same delay before every reconnection attempt.</summary>
public sealed class ConstantReconnectionPolicy(long delayMs) : IReconnectionPolicy
{
    /// <summary>The delay.</summary>
    public long DelayMs { get; } = delayMs > 0 ? delayMs : throw new ArgumentOutOfRangeException(nameof(delayMs));

    /// <inheritdoc />
    public IReconnectionSchedule NewSchedule() => new Schedule(DelayMs);

    private sealed class Schedule(long delay) : IReconnectionSchedule
    {
        public long NextDelayMs() => delay;
    }
}
