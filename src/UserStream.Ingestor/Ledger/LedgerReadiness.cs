using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace UserStream.Ingestor.Ledger;

/// <summary>/health check of the ledger database: unhealthy until the schema exists, then while PostgreSQL does not answer.</summary>
public sealed class LedgerReadiness(NpgsqlDataSource dataSource) : IHealthCheck
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _lastError = "not yet connected";

    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();

    public void MarkNotReady(string error) => _lastError = error;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!Ready.IsCompleted)
            return HealthCheckResult.Unhealthy($"ledger not ready: {_lastError}");
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("ledger database reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"ledger database unreachable: {e.Message}", e);
        }
    }
}
