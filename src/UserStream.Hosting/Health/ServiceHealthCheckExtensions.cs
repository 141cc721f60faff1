using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Hosting.Health;

namespace Aspire.Hosting;

/// <summary>The AppHost's health check of a UserStream service, as <c>WithHttpHealthCheck</c> but reading the report.</summary>
public static class ServiceHealthCheckExtensions
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Checks the service's <paramref name="path"/> (ServiceDefaults' <c>/health</c>) on <paramref name="endpointName"/>:
    /// healthy, degraded or unhealthy as the service's own report says, with the reasons on the dashboard
    /// (<see cref="ServiceHealthCheck"/>). With replicas, each check reaches one of them through the endpoint's proxy.
    /// </summary>
    public static IResourceBuilder<T> WithServiceHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health", string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = builder.Resource.GetEndpoint(endpointName);
        var key = $"{builder.Resource.Name}_{endpointName}_health";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, _ => new ServiceHealthCheck(() => new Uri(new Uri(endpoint.Url), path), Client), failureStatus: default, tags: default));
        return builder.WithHealthCheck(key);
    }
}
