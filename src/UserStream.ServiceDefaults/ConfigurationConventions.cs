using Microsoft.Extensions.Configuration;

namespace UserStream.ServiceDefaults;

/// <summary>Reads the configuration keys that the AppHost injects (the same ones Aspire injects).</summary>
public static class ConfigurationConventions
{
    /// <summary>The first URL of a referenced service, from <c>services__{name}__http__0</c> (or https).</summary>
    public static Uri GetRequiredServiceUri(this IConfiguration configuration, string name)
    {
        var value = configuration[$"services:{name}:http:0"] ?? configuration[$"services:{name}:https:0"];
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"Missing address of service '{name}': set services__{name}__http__0 (for example http://127.0.0.1:5082).");
        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"services__{name}__http__0 is not an absolute URL: '{value}'.");
    }
}
