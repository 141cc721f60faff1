namespace UserStream.Cql;

/// <summary>Delays that double from a base delay up to a maximum.</summary>
public sealed class ExponentialReconnectionPolicy : IReconnectionPolicy
{
    /// <summary>Creates the policy; DataStax's defaults are 1 s and 10 min.</summary>
    public ExponentialReconnectionPolicy(long baseDelayMs, long maxDelayMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseDelayMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelayMs, baseDelayMs);
        BaseDelayMs = baseDelayMs;
        MaxDelayMs = maxDelayMs;
    }

    /// <summary>The first delay.</summary>
    public long BaseDelayMs { get; }

    /// <summary>The longest delay.</summary>
    public long MaxDelayMs { get; }

    /// <inheritdoc />
    public IReconnectionSchedule NewSchedule() => new Schedule(this);

    private sealed class Schedule(ExponentialReconnectionPolicy policy) : IReconnectionSchedule
    {
        private int _attempts;

        public long NextDelayMs()
        {
            // Cap the exponent so the shift cannot overflow.
            var exponent = Math.Min(_attempts++, 40);
            return Math.Min(policy.MaxDelayMs, policy.BaseDelayMs * (1L << exponent));
        }
    }
}
