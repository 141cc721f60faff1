using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UserStream.ServiceDefaults;

/// <summary>
/// Makes a background service that ends with an exception a crash of the whole process: the host stops
/// (<see cref="BackgroundServiceExceptionBehavior.StopHost"/>) and the process exits with code
/// <see cref="ExitCode"/> instead of 0, with a critical log line naming the service. Without this, the host
/// stopped cleanly and the AppHost took the exit for a requested stop, leaving the service down.
/// </summary>
internal sealed partial class BackgroundServiceFailureExit(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<BackgroundServiceFailureExit> logger) : IHostedLifecycleService
{
    /// <summary>The exit code of a process whose background service failed.</summary>
    public const int ExitCode = 70; // EX_SOFTWARE (sysexits.h): an internal software error

    /// <summary>Runs once every hosted service has started, when each background service's task exists.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services.GetServices<IHostedService>().OfType<BackgroundService>())
            Watch(service);
        return Task.CompletedTask;
    }

    private void Watch(BackgroundService service)
    {
        if (service.ExecuteTask is not { } task)
            return;
        task.ContinueWith(t =>
        {
            if (!t.IsFaulted)
                return;
            Environment.ExitCode = ExitCode;
            LogFailed(logger, t.Exception.GetBaseException(), service.GetType().FullName ?? service.GetType().Name, ExitCode);
            lifetime.StopApplication();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(LogLevel.Critical, "Background service {Service} failed; the process stops with exit code {ExitCode}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string service, int exitCode);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
