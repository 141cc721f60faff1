using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// /health check of the ledger schema: unhealthy until RunWorker has created it. Whether PostgreSQL still
/// answers afterwards is Aspire.Npgsql's own "PostgreSql" check.
/// </summary>
public sealed class LedgerReadiness : IHealthCheck
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _lastError = "not yet connected";

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();

    public void MarkNotReady(string error) => _lastError = error;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ready.IsCompleted
            ? HealthCheckResult.Healthy("ledger schema ready")
            : HealthCheckResult.Unhealthy($"ledger not ready: {_lastError}"));
}
