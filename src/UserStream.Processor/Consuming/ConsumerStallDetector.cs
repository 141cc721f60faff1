using Microsoft.Extensions.Options;

namespace UserStream.Processor.Consuming;

/// <summary>Settings of the stall watchdog (configuration section "Processor:Stall").</summary>
public sealed class ConsumerStallOptions
{
    public const string Section = "Processor:Stall";

    /// <summary>
    /// How long messages may wait while neither this consumer nor any other member of its group makes progress
    /// before the consumer rejoins. Longer than a normal rebalance (a member that died without leaving holds the
    /// group for a session timeout, 10 s) and than the rebalancing that follows a broker pause (~20 s).
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the group's lag is measured while the consumer has nothing to do.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>What the group has left to read: messages past its committed offsets, and the sum of those offsets.</summary>
public sealed record GroupLag(long Lag, long CommittedTotal);

/// <summary>Measures the group's lag from outside the consumer (the consumer's own coordinator connection may be the stuck part).</summary>
public interface IGroupLagProbe
{
    Task<GroupLag> ProbeAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The consumer loop's watchdog. A group member can sit polling with nothing assigned while messages wait, for
/// example when librdkafka's mock cluster (the embedded broker) times out a member whose JoinGroup it is still
/// holding: it drops the held response but keeps the connection blocked, so the member waits for an answer until its
/// request times out (max.poll.interval.ms + 3 s, about five minutes). Whatever the cause, the rule is the same:
/// when this consumer has made no progress, the group has lag, and the group's committed offsets have not moved for
/// <see cref="ConsumerStallOptions.StallTimeout"/>, the health check reports the stall and the consumer rejoins with
/// a new client (new connections, new member). Call <see cref="Observe"/> from the consumer loop's thread after
/// every poll.
/// </summary>
public sealed class ConsumerStallDetector(
    IGroupLagProbe probe,
    ProcessorStatus status,
    TimeProvider clock,
    IOptions<ConsumerStallOptions> options,
    ILogger<ConsumerStallDetector> logger,
    Func<int> assignedPartitions,
    Action rejoin)
{
    private readonly ConsumerStallOptions _options = options.Value;
    private DateTimeOffset? _idleSince;
    private Task<GroupLag>? _probe;
    private DateTimeOffset _probeStarted = DateTimeOffset.MinValue;
    private (GroupLag Lag, DateTimeOffset At)? _stuckSince;
    private GroupLag? _latest;
    private bool _stalled;

    /// <summary>Rejoins so far.</summary>
    public int Rejoins { get; private set; }

    /// <summary>True from a detected stall until the consumer makes progress again.</summary>
    public bool Stalled => _stalled;

    /// <summary>Forgets what it saw: consumption was paused on purpose, so the wait before it is no stall.</summary>
    public void Reset()
    {
        _idleSince = null;
        _stuckSince = null;
    }

    /// <summary>Reports one pass of the loop: how many messages it got, and whether a batch is being stored (that is progress too).</summary>
    public void Observe(int consumed, bool busy)
    {
        var now = clock.GetUtcNow();
        if (consumed > 0 || busy)
        {
            if (_stalled)
            {
                _stalled = false;
                status.StallCleared();
                logger.LogInformation("Consuming again after a stall ({Rejoins} rejoin(s) so far)", Rejoins);
            }
            _idleSince = null;
            _stuckSince = null;
            return;
        }

        _idleSince ??= now;
        Harvest(now);
        if (_probe is null && now - _probeStarted >= _options.ProbeInterval)
        {
            _probeStarted = now;
            _probe = probe.ProbeAsync();
            Harvest(now);
        }

        if (_stuckSince is not { } stuck || _latest is not { } latest || now - stuck.At < _options.StallTimeout || now - _idleSince < _options.StallTimeout)
            return;

        var assigned = assignedPartitions();
        var reason = $"stalled: no progress for {(now - stuck.At).TotalSeconds:0} s while {latest.Lag} message(s) wait " +
                     $"({assigned} partition(s) assigned); rejoined the consumer group (rejoin {Rejoins + 1})";
        logger.LogWarning("Consumer {Reason}", reason);
        _stalled = true;
        status.Stalled(reason);
        Rejoins++;
        rejoin();
        // The new member gets a full stall timeout of its own before it is judged.
        _idleSince = now;
        _stuckSince = null;
        _latest = null;
    }

    /// <summary>Takes a finished probe's result: the stall clock runs from the first probe that found lag with the committed offsets it saw.</summary>
    private void Harvest(DateTimeOffset now)
    {
        if (_probe is not { IsCompleted: true } done)
            return;
        _probe = null;
        if (!done.IsCompletedSuccessfully)
        {
            // Lag unknown (the broker may be down): that is for the Kafka health check to say, not a stall.
            logger.LogDebug("Lag probe failed: {Reason}", done.Exception?.GetBaseException().Message);
            return;
        }
        var lag = done.Result;
        _latest = lag;
        if (lag.Lag <= 0)
            _stuckSince = null; // nothing waits
        else if (_stuckSince is not { } stuck || stuck.Lag.CommittedTotal != lag.CommittedTotal)
            _stuckSince = (lag, now); // lag appeared, or another member made progress: count from here
    }
}
