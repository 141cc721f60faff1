using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.AppHost.Web;

/// <summary>
/// <c>GET /api/resources</c>: every resource's name, type, mode, state, endpoints, environment (secrets
/// masked), pid, restarts and start time. <c>GET /api/resources/{name}/logs?tail=N</c>: its recent lines.
/// </summary>
public static class ResourceApiEndpoints
{
    public static IEndpointRouteBuilder MapResourceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/resources");
        api.MapGet("/", GetResources);
        api.MapGet("/{name}/logs", GetLogs);
        return endpoints;
    }

    private static Ok<IReadOnlyList<ResourceSnapshot>> GetResources(ResourceRegistry registry) =>
        TypedResults.Ok(registry.Snapshot());

    private static Results<Ok<IReadOnlyList<LogLine>>, NotFound<ProblemLike>> GetLogs(string name, int? tail, ResourceRegistry registry) =>
        registry.Find(name) is { } status
            ? TypedResults.Ok(status.Log.Buffer.Tail(tail))
            : TypedResults.NotFound(new ProblemLike($"no resource named '{name}'"));

    /// <summary>The body of a 404: which name was not found.</summary>
    public sealed record ProblemLike(string Error);
}
