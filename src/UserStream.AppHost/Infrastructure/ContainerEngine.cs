using UserStream.Hosting;

namespace UserStream.AppHost.Infrastructure;

/// <summary>Finds a container engine that answers: <c>docker info</c>, then <c>podman info</c> (or only the configured one).</summary>
public static class ContainerEngine
{
    public static async Task<string?> DetectAsync(string? preferred, CancellationToken cancellationToken)
    {
        foreach (var engine in preferred is null ? ["docker", "podman"] : new[] { preferred })
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(15));
                await CommandRunner.RunAsync(engine, ["info"], timeout.Token);
                return engine;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or OperationCanceledException)
            {
                // Not installed, no daemon, or not answering: try the next.
            }
        }
        return null;
    }
}
