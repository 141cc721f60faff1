using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UserStream.Processor.Consuming;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>The consumer loop's watchdog: rejoin only when messages wait and nobody in the group makes progress.</summary>
public sealed class ConsumerStallDetectorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly ManualTimeProvider _clock = new();
    private readonly FakeProbe _probe = new();
    private readonly ProcessorStatus _status;
    private readonly ConsumerStallDetector _detector;
    private int _rejoins;

    public ConsumerStallDetectorTests()
    {
        _status = new ProcessorStatus(_clock, new ConsumptionGate(_clock));
        _status.Polled();
        _detector = new ConsumerStallDetector(_probe, _status, _clock,
            Options.Create(new ConsumerStallOptions { StallTimeout = TimeSpan.FromSeconds(30), ProbeInterval = TimeSpan.FromSeconds(5) }),
            NullLogger<ConsumerStallDetector>.Instance, () => 0, () => _rejoins++);
    }

    [Fact]
    public async Task Idle_with_lag_and_no_group_progress_rejoins_after_the_stall_timeout_and_health_reports_it()
    {
        _probe.Result = new GroupLag(Lag: 5000, CommittedTotal: 100_000);

        IdleFor(TimeSpan.FromSeconds(29));
        Assert.Equal(0, _rejoins);
        Assert.Equal(HealthStatus.Healthy, (await Health()).Status);

        IdleFor(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _rejoins);
        var health = await Health();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("stalled", health.Description);
        Assert.Contains("5000 message(s) wait", health.Description);

        // Still unhealthy while the new member waits for partitions; healthy again once it consumes.
        IdleFor(TimeSpan.FromSeconds(5));
        Assert.Equal(HealthStatus.Unhealthy, (await Health()).Status);
        _detector.Observe(consumed: 10, busy: false);
        Assert.Equal(HealthStatus.Healthy, (await Health()).Status);
        Assert.False(_detector.Stalled);
    }

    [Fact]
    public void A_new_member_gets_a_full_stall_timeout_before_it_is_judged_again()
    {
        _probe.Result = new GroupLag(5000, 100_000);
        IdleFor(TimeSpan.FromSeconds(31));
        Assert.Equal(1, _rejoins);

        IdleFor(TimeSpan.FromSeconds(29));
        Assert.Equal(1, _rejoins);
        IdleFor(TimeSpan.FromSeconds(7));
        Assert.Equal(2, _rejoins);
    }

    [Fact]
    public void No_lag_is_not_a_stall_however_long_the_consumer_idles()
    {
        _probe.Result = new GroupLag(0, 100_000);
        IdleFor(TimeSpan.FromMinutes(10));
        Assert.Equal(0, _rejoins);
    }

    [Fact]
    public void Lag_counts_from_when_it_is_first_seen_not_from_when_the_consumer_went_idle()
    {
        _probe.Result = new GroupLag(0, 100_000);
        IdleFor(TimeSpan.FromMinutes(5));
        _probe.Result = new GroupLag(10, 100_000);
        IdleFor(TimeSpan.FromSeconds(20));
        Assert.Equal(0, _rejoins);
        IdleFor(TimeSpan.FromSeconds(20));
        Assert.Equal(1, _rejoins);
    }

    [Fact]
    public void Another_member_making_progress_is_not_a_stall()
    {
        for (var i = 0; i < 120; i++)
        {
            _probe.Result = new GroupLag(5000, 100_000 + i * 100); // committed offsets keep moving
            IdleFor(Tick);
        }
        Assert.Equal(0, _rejoins);
    }

    [Fact]
    public void Storing_a_batch_is_progress_however_long_the_store_takes()
    {
        _probe.Result = new GroupLag(5000, 100_000);
        for (var i = 0; i < 600; i++)
        {
            _clock.Advance(Tick);
            _detector.Observe(consumed: 0, busy: true);
        }
        Assert.Equal(0, _rejoins);
        Assert.Equal(0, _probe.Calls);
    }

    [Fact]
    public void Lag_that_cannot_be_measured_is_not_a_stall()
    {
        _probe.Fail = true; // broker unreachable: the Kafka health check reports that
        IdleFor(TimeSpan.FromMinutes(5));
        Assert.Equal(0, _rejoins);
        Assert.True(_probe.Calls > 0);
    }

    [Fact]
    public void A_slow_probe_is_not_started_twice()
    {
        _probe.Result = new GroupLag(5000, 100_000);
        _probe.Pending = new TaskCompletionSource<GroupLag>();
        IdleFor(TimeSpan.FromSeconds(60));
        Assert.Equal(1, _probe.Calls);
        Assert.Equal(0, _rejoins);
    }

    private void IdleFor(TimeSpan span)
    {
        for (var passed = TimeSpan.Zero; passed < span; passed += Tick)
        {
            _clock.Advance(Tick);
            _detector.Observe(consumed: 0, busy: false);
        }
    }

    private Task<HealthCheckResult> Health() => _status.CheckHealthAsync(new HealthCheckContext());

    private sealed class FakeProbe : IGroupLagProbe
    {
        public GroupLag Result { get; set; } = new(0, 0);
        public bool Fail { get; set; }
        public TaskCompletionSource<GroupLag>? Pending { get; set; }
        public int Calls { get; private set; }

        public Task<GroupLag> ProbeAsync(CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Pending is not null)
                return Pending.Task;
            return Fail ? Task.FromException<GroupLag>(new InvalidOperationException("broker down")) : Task.FromResult(Result);
        }
    }
}
