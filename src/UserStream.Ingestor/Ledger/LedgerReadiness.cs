using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Ingestor.Ledger;

/// <summary>
/// /health check of the ledger schema: unhealthy until RunWorker has created it, and again while it is found missing
/// (a PostgreSQL that lost its data) until it has been created again. Whether PostgreSQL answers at all is
/// Aspire.Npgsql's own "PostgreSql" check.
/// </summary>
public sealed class LedgerReadiness : IHealthCheck
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _lastError = "not yet connected";
    private volatile bool _schemaMissing;

    /// <summary>Completes once the schema was first created; background services wait for it before they start.</summary>
    public Task Ready => _ready.Task;

    public void MarkReady()
    {
        _schemaMissing = false;
        _ready.TrySetResult();
    }

    public void MarkNotReady(string error) => _lastError = error;

    /// <summary>The schema was found missing after it had been ready: unhealthy until <see cref="MarkReady"/>.</summary>
    public void MarkSchemaMissing(string error)
    {
        _lastError = error;
        _schemaMissing = true;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ready.IsCompleted && !_schemaMissing
            ? HealthCheckResult.Healthy("ledger schema ready")
            : HealthCheckResult.Unhealthy(Ready.IsCompleted ? $"ledger schema missing, re-creating it: {_lastError}" : $"ledger not ready: {_lastError}"));
}
