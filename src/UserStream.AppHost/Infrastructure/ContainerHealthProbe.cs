using UserStream.AppHost.Orchestration;
using UserStream.Hosting;

namespace UserStream.AppHost.Infrastructure;

/// <summary>
/// Ready when the engine reports the container's health check as healthy. A TCP connect is not enough
/// for containers: the engine's port proxy accepts connections before the server inside listens.
/// </summary>
public sealed class ContainerHealthProbe(string engine, string containerName) : IReadinessProbe
{
    public string Description => $"{engine} health check of {containerName}";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var status = await CommandRunner.RunAsync(engine, ContainerCommandLine.HealthStatus(containerName), cancellationToken);
        if (!string.Equals(status.Trim(), "healthy", StringComparison.Ordinal))
            throw new InvalidOperationException($"health status is '{status.Trim()}'");
    }
}
