using System.Globalization;
using UserStream.AppHost.Model;

namespace UserStream.AppHost.Orchestration;

/// <summary>The environment a service process gets: its URL, references and telemetry (the variables Aspire injects).</summary>
public static class ServiceEnvironment
{
    /// <summary>Inherited variables of these shapes are dropped, so a service sees exactly the resources it references.</summary>
    private static readonly string[] ReferencePrefixes = ["ConnectionStrings__", "services__"];

    public static Dictionary<string, string> For(
        ProjectResource project,
        int port,
        IEnumerable<(string Name, ResourceConnection Connection)> references,
        string? otlpEndpoint,
        string environmentName)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{Guid.NewGuid().ToString("N")[..8]}",
        };
        if (otlpEndpoint is not null)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }
        foreach (var (name, connection) in references)
            foreach (var (key, value) in connection.EnvironmentFor(name))
                environment[key] = value;
        return environment;
    }

    /// <summary>Inherited variable names that the child must not see (removed before the child's own are set).</summary>
    public static IEnumerable<string> InheritedReferenceVariables() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => ReferencePrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
}
