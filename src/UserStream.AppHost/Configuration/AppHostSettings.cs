using System.Globalization;
using Microsoft.Extensions.Configuration;
using UserStream.AppHost.Model;

namespace UserStream.AppHost.Configuration;

/// <summary>
/// The AppHost's own settings, read from configuration (appsettings.json, user secrets, environment
/// with <c>__</c> for <c>:</c>, command line <c>--Key=value</c>). Keys are documented in docs/apphost.md.
/// </summary>
public sealed class AppHostSettings(IConfiguration configuration)
{
    public const int DefaultDashboardPort = 18888;
    public const int DefaultOtlpPort = 4318;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary><c>Ports:{name}</c>, or null when not configured.</summary>
    public int? Port(string name)
    {
        var value = Configuration[$"Ports:{name}"];
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"Ports:{name} = '{value}' is not a TCP port (1-65535).");
    }

    public int DashboardPort => Port("dashboard") ?? DefaultDashboardPort;

    public int OtlpPort => Port("otlp") ?? DefaultOtlpPort;

    /// <summary><c>ConnectionStrings:{name}</c>: when set, the resource is external.</summary>
    public string? ConnectionString(string name) =>
        Configuration.GetConnectionString(name) is { Length: > 0 } value ? value : null;

    /// <summary><c>Resources:{name}:Mode</c> (local, container or external), or null to choose automatically.</summary>
    public ResourceMode? ForcedMode(string name)
    {
        var value = Configuration[$"Resources:{name}:Mode"];
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return Enum.TryParse<ResourceMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"Resources:{name}:Mode = '{value}': use local, container or external.");
    }

    /// <summary><c>Resources:{name}:StartTimeout</c> in seconds: how long to wait for it to become healthy.</summary>
    public TimeSpan StartTimeout(string name, TimeSpan fallback)
    {
        var value = Configuration[$"Resources:{name}:StartTimeout"];
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : fallback;
    }

    /// <summary><c>Resources:{name}:DataVolume</c>: a named container volume that keeps the data between runs.</summary>
    public string? DataVolume(string name) => NonEmpty(Configuration[$"Resources:{name}:DataVolume"]);

    /// <summary><c>Resources:{name}:Image</c>: another image (tag) than the default official one.</summary>
    public string? Image(string name) => NonEmpty(Configuration[$"Resources:{name}:Image"]);

    /// <summary><c>Resources:{name}:Password</c>: the container's password (needed to reuse a data volume); generated when absent.</summary>
    public string? Password(string name) => NonEmpty(Configuration[$"Resources:{name}:Password"]);

    /// <summary><c>ContainerEngine</c>: docker or podman; probed in that order when absent.</summary>
    public string? ContainerEngine => NonEmpty(Configuration["ContainerEngine"]);

    /// <summary><c>Dashboard:Token</c>: the dashboard's login token; random at every start when absent.</summary>
    public string? DashboardToken => NonEmpty(Configuration["Dashboard:Token"]);

    /// <summary>An OTLP endpoint the user configured for the services (used when the AppHost runs no receiver).</summary>
    public string? OtlpEndpoint => NonEmpty(Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary><c>ShutdownTimeout</c> in seconds: the bound on stopping everything.</summary>
    public TimeSpan ShutdownTimeout =>
        double.TryParse(Configuration["ShutdownTimeout"], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(30);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
