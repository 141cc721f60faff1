using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UserStream.UserStore;

/// <summary>
/// Creates the store's schema at start, retrying with backoff while the store is unreachable, and again
/// whenever a caller finds it gone (<see cref="RecreateAsync"/>), and reports on /health: unhealthy until the schema exists. Whether the store still answers afterwards is
/// its client's own check ("PostgreSql" from Aspire.Npgsql, "Cassandra" from AddCassandraSession).
/// Consumers of the store await <see cref="Ready"/> first.
/// </summary>
public sealed class UserStoreInitializer(IUserStore store, ILogger<UserStoreInitializer> logger) : BackgroundService, IHealthCheck
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _lastError = "not yet connected";

    /// <summary>Completes once the schema exists.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("User store: {Kind}", store.Kind);
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.EnsureSchemaAsync(stoppingToken);
                logger.LogInformation("User store {Kind} is ready", store.Kind);
                _ready.TrySetResult();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _lastError = e.Message;
                logger.LogWarning("User store {Kind} not ready ({Error}); retrying in {Delay}", store.Kind, e.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        _ready.TrySetCanceled(stoppingToken);
    }

    /// <summary>
    /// Creates the schema again after a caller met it missing (a wiped or restored database); logs and swallows a
    /// failure, since the caller retries its own work and comes back here while the schema is still gone.
    /// </summary>
    public async Task RecreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.EnsureSchemaAsync(cancellationToken);
            logger.LogWarning("The {Kind} user store's schema was missing and has been created again", store.Kind);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Creating the {Kind} user store's schema again failed: {Error}", store.Kind, e.Message);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["store"] = store.Kind };
        return Task.FromResult(Ready.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy($"{store.Kind} user store schema ready", data)
            : HealthCheckResult.Unhealthy($"{store.Kind} user store not ready: {_lastError}", data: data));
    }
}
