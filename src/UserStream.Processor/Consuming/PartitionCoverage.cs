using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace UserStream.Processor.Consuming;

/// <summary>
/// Compares the topic's partition count with the processors sharing the group (<see cref="ProcessorOptions.Replicas"/>)
/// at start and every few minutes after. Fewer partitions than processors is a warning in the log and a Degraded entry
/// of /health (the dashboard shows it) naming both numbers: a partition goes to one member of the group, so the extra
/// processors would sit idle. Healthy until the count is known: a topic that cannot be read yet is the consumer's
/// concern, not this check's. Its data lists the partitions this replica owns now (<c>assigned</c>), so a script can
/// see how the group shares the topic.
/// </summary>
public sealed class PartitionCoverage(
    KafkaGroupLagProbe probe, PartitionOwnership ownership, IOptions<ProcessorOptions> options, ILogger<PartitionCoverage> logger)
    : BackgroundService, IHealthCheck
{
    /// <summary>How often the count is read again once known (partitions can be added to a topic while it runs).</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(5);

    private volatile string? _shortfall;
    private volatile int _count = -1; // read by /health on other threads: an int, not an int?, so reads are atomic

    /// <summary>The partition count last read; null until the first read succeeds.</summary>
    public int? Partitions => _count is var count and >= 0 ? count : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    Evaluate(await probe.CountPartitionsAsync(stoppingToken));
                    delay = RecheckInterval;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogDebug("Could not read the partitions of {Topic} yet ({Error})", options.Value.Topic, e.Message);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                }
                await Task.Delay(delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Records a partition count; logs a warning when it newly falls short of the replicas.</summary>
    public void Evaluate(int partitions)
    {
        var replicas = Math.Max(1, options.Value.Replicas);
        var previous = _shortfall;
        var first = _count < 0;
        _count = partitions;
        _shortfall = partitions < replicas
            ? $"{options.Value.Topic} has {partitions} partition(s) for {replicas} processor replicas: {replicas - partitions} replica(s) get no partition and sit idle. Add partitions or run fewer processors (Processor:Replicas)."
            : null;
        if (_shortfall is not null && _shortfall != previous)
            logger.LogWarning("{Shortfall}", _shortfall);
        else if (_shortfall is null && (first || previous is not null))
            logger.LogInformation("{Topic} has {Partitions} partition(s) for {Replicas} processor replica(s)", options.Value.Topic, partitions, replicas);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["replicas"] = Math.Max(1, options.Value.Replicas),
            ["assigned"] = ownership.Owned.Select(p => p.Partition.Value).Order().ToArray(),
        };
        if (Partitions is { } partitions)
            data["partitions"] = partitions;
        return Task.FromResult(_shortfall is { } shortfall
            ? HealthCheckResult.Degraded(shortfall, data: data)
            : HealthCheckResult.Healthy(Partitions is null ? "partition count not read yet" : "every replica can own a partition", data));
    }
}
