using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Processor.Consuming;

/// <summary>What the consumer loop last did, for /health: unhealthy until it first polls (it waits for the user store), while batches cannot be stored, or while the consumer is stalled with messages waiting.</summary>
public sealed class ProcessorStatus(TimeProvider clock, ConsumptionGate gate) : IHealthCheck
{
    private readonly object _gate = new();
    private string? _failure;
    private string? _stall;
    private DateTimeOffset? _lastPoll;
    private long _stored;

    public void Polled()
    {
        lock (_gate) _lastPoll = clock.GetUtcNow();
    }

    public void Stored(int count)
    {
        lock (_gate)
        {
            _failure = null;
            _stored += count;
        }
    }

    public void Failed(string reason)
    {
        lock (_gate) _failure = reason;
    }

    /// <summary>The consumer makes no progress while messages wait (<see cref="ConsumerStallDetector"/>).</summary>
    public void Stalled(string reason)
    {
        lock (_gate) _stall = reason;
    }

    public void StallCleared()
    {
        lock (_gate) _stall = null;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var data = new Dictionary<string, object> { ["messagesHandled"] = _stored };
            if (_lastPoll is { } poll)
                data["lastPoll"] = poll;
            var result = _failure is not null
                ? HealthCheckResult.Unhealthy(_failure, data: data)
                : _stall is not null
                    ? HealthCheckResult.Unhealthy(_stall, data: data)
                : _lastPoll is null
                    ? HealthCheckResult.Unhealthy("consumer has not polled yet", data: data)
                : gate.IsHolding && gate.PausedAt is { } paused
                    ? HealthCheckResult.Healthy($"paused by the operator since {paused:O} (POST /consumption/resume)", data)
                    : HealthCheckResult.Healthy("consuming", data);
            return Task.FromResult(result);
        }
    }
}
