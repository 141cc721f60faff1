using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UserStream.Dashboard.Auth;

namespace UserStream.Dashboard.Pages;

/// <summary>Serves the dashboard's scripts and styles from this assembly's embedded resources under <c>/assets/</c>.</summary>
internal static class EmbeddedAssets
{
    private const string Prefix = "web/";

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    public static void MapAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{name}", (string name) =>
            Files.Value.TryGetValue(name, out var bytes)
                ? Results.Bytes(bytes, ContentType(name))
                : Results.NotFound())
        .WithMetadata(new AllowWithoutDashboardToken());

    public static IReadOnlyCollection<string> Names => Files.Value.Keys;

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
