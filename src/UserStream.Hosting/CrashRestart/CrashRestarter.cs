using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UserStream.Hosting.CrashRestart;

/// <summary>
/// Watches the state Aspire publishes for every resource marked with <see cref="RestartOnCrashAnnotation"/>.
/// A crash is any end the AppHost did not ask for: a process that failed to start or ended on its own, whatever its
/// exit code (a service that returns 0 after its loop died is down all the same). A stop the AppHost asked for (the
/// dashboard's Stop, the AppHost shutting down) is none. A crashed resource is started again with Aspire's own start
/// command after a backoff, its state saying why meanwhile; after too many crashes in the window it stays down and
/// its state says so.
/// </summary>
public sealed class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, CrashHistory> _histories = new();
    private readonly ConcurrentDictionary<string, string?> _lastStates = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!update.Resource.TryGetLastAnnotation<RestartOnCrashAnnotation>(out var annotation))
                    continue;
                var state = update.Snapshot.State?.Text;
                var previous = _lastStates.GetValueOrDefault(update.ResourceId);
                _lastStates[update.ResourceId] = state;
                if (previous != state)
                    logger.LogDebug("{Resource}: {Previous} -> {State} (exit code {ExitCode})", update.ResourceId, previous, state, update.Snapshot.ExitCode);
                if (IsCrash(previous, state) && !lifetime.ApplicationStopping.IsCancellationRequested)
                    _ = HandleCrashAsync(update, annotation.Policy, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// True when a resource went from starting or running straight to an end state, whatever its exit code. A stop the
    /// AppHost asked for (the dashboard's Stop or Restart) passes through <c>Stopping</c> first, so it is no crash;
    /// the AppHost's own shutdown is told apart by the caller.
    /// </summary>
    public static bool IsCrash(string? previous, string? current) =>
        (previous == KnownResourceStates.Running || previous == KnownResourceStates.Starting)
        && (current == KnownResourceStates.FailedToStart || current == KnownResourceStates.Finished || current == KnownResourceStates.Exited);

    private async Task HandleCrashAsync(ResourceEvent crash, CrashRestartPolicy policy, CancellationToken stoppingToken)
    {
        var id = crash.ResourceId;
        var log = resourceLogs.GetLogger(id);
        var history = _histories.GetOrAdd(id, _ => new CrashHistory(policy));
        TimeSpan? backoff;
        lock (history)
            backoff = history.RecordCrash(clock.GetUtcNow());
        var exit = crash.Snapshot.ExitCode is { } code ? $"exit code {code}" : crash.Snapshot.State?.Text;

        if (backoff is null)
        {
            var why = $"Crashed {policy.MaxCrashes} times within {policy.Window.TotalMinutes:0.#} min ({exit}): not restarted";
            log.LogError("{Why}; start it from the dashboard once the cause is fixed", why);
            logger.LogError("{Resource}: {Why}", id, why);
            await notifications.PublishUpdateAsync(crash.Resource, id, s => s with
            {
                State = new ResourceStateSnapshot(why, KnownResourceStateStyles.Error),
            });
            return;
        }

        log.LogWarning("Crashed ({Exit}); restarting in {Backoff:0.#} s (crash {Count} of at most {Max} within {Window:0.#} min)",
            exit, backoff.Value.TotalSeconds, history.CrashesInWindow, policy.MaxCrashes, policy.Window.TotalMinutes);
        logger.LogWarning("{Resource} crashed ({Exit}); restarting in {Backoff:0.#} s", id, exit, backoff.Value.TotalSeconds);
        // Until the start command takes over the state, the resources page says why the resource is down.
        await notifications.PublishUpdateAsync(crash.Resource, id, s => s with
        {
            State = new ResourceStateSnapshot(
                string.Create(CultureInfo.InvariantCulture, $"Crashed ({exit}): restarting in {backoff.Value.TotalSeconds:0.#} s"),
                KnownResourceStateStyles.Warn),
        });
        try
        {
            await Task.Delay(backoff.Value, clock, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
                return;
            var result = await commands.ExecuteCommandAsync(id, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
                log.LogError("Restart failed: {Error}", result.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
