using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace UserStream.ServiceDefaults;

/// <summary>Runs one health check and logs a failure at Warning while starting, at Error once it had been healthy.</summary>
internal sealed class LoggedHealthCheck(
    string name, HealthStatus failureStatus, IHealthCheck inner, HealthCheckStartupState state, ILogger logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthCheckResult result;
        try
        {
            result = await inner.CheckHealthAsync(context, cancellationToken);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // Timed out (or the probe went away): the health check service reports it; say so at the right level.
            Log(new HealthCheckResult(failureStatus, "the check did not finish in time", e));
            throw;
        }
        catch (Exception e)
        {
            result = new HealthCheckResult(failureStatus, e.Message, e);
        }

        if (result.Status == HealthStatus.Healthy)
            state.MarkHealthy(name);
        else
            Log(result);
        return result;
    }

    private void Log(HealthCheckResult result)
    {
        var reason = result.Description ?? result.Exception?.Message ?? "no reason given";
        if (result.Status == HealthStatus.Degraded)
            logger.LogWarning("Health check {HealthCheckName} is {HealthStatus}: {Reason}", name, result.Status, reason);
        else if (state.IsStarting(name))
            logger.LogWarning("Health check {HealthCheckName} is {HealthStatus} while the service starts: {Reason}", name, result.Status, reason);
        else
            logger.LogError(result.Exception, "Health check {HealthCheckName} is {HealthStatus}: {Reason}", name, result.Status, reason);
    }
}
