namespace UserStream.AppHost.Infrastructure;

/// <summary>
/// Everything needed to run one infrastructure container. <see cref="SecretEnvironment"/> values are
/// passed to the engine's client through its environment (<c>-e NAME</c> without a value), so they never
/// appear on a command line that <c>ps</c> shows.
/// </summary>
public sealed record ContainerSpec(
    string ContainerName,
    string Image,
    int HostPort,
    int ContainerPort,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> SecretEnvironment,
    string HealthCommand,
    string? DataVolume,
    string DataPath,
    string ResourceName);
