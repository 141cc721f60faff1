using System.Globalization;

namespace UserStream.AppHost.Infrastructure;

/// <summary>The engine command lines (docker and podman take the same ones) that run, inspect and remove a container.</summary>
public static class ContainerCommandLine
{
    /// <summary>
    /// <c>run --rm</c> in the foreground (its output is the resource's log), published on 127.0.0.1 only,
    /// with a health check the AppHost waits for and, when configured, a named volume for the data.
    /// </summary>
    public static IReadOnlyList<string> Run(ContainerSpec spec)
    {
        var arguments = new List<string>
        {
            "run", "--rm",
            "--name", spec.ContainerName,
            "--label", $"userstream.resource={spec.ResourceName}",
            "-p", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{spec.HostPort}:{spec.ContainerPort}"),
        };
        foreach (var (name, value) in spec.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            arguments.AddRange(["-e", $"{name}={value}"]);
        foreach (var name in spec.SecretEnvironment.Keys.Order(StringComparer.Ordinal))
            arguments.AddRange(["-e", name]);
        arguments.AddRange([
            "--health-cmd", spec.HealthCommand,
            "--health-interval", "5s",
            "--health-timeout", "10s",
            "--health-start-period", "10s",
            "--health-retries", "30",
        ]);
        if (spec.DataVolume is not null)
            arguments.AddRange(["-v", $"{spec.DataVolume}:{spec.DataPath}"]);
        arguments.Add(spec.Image);
        return arguments;
    }

    /// <summary>Prints the health status docker computes from the health check: starting, healthy or unhealthy.</summary>
    public static IReadOnlyList<string> HealthStatus(string containerName) =>
        ["inspect", "--format", "{{.State.Health.Status}}", containerName];

    /// <summary>Stops gracefully (then kills) within <paramref name="seconds"/>; --rm then removes it.</summary>
    public static IReadOnlyList<string> Stop(string containerName, int seconds) =>
        ["stop", "-t", seconds.ToString(CultureInfo.InvariantCulture), containerName];

    /// <summary>Removes a container left over by an AppHost that was killed hard (the names are fixed per resource).</summary>
    public static IReadOnlyList<string> RemoveLeftover(string containerName) => ["rm", "-f", containerName];
}
