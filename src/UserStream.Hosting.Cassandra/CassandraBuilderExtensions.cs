using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Hosting.ResourceModes;

namespace UserStream.Hosting.Cassandra;

/// <summary>Adds Cassandra to the application model, in the form <see cref="ResourceModeSelector"/> picks.</summary>
public static class CassandraBuilderExtensions
{
    private const int CqlPort = 9042;

    /// <summary>
    /// Adds Cassandra named <paramref name="name"/>: the configured cluster (external) or a cassandra:5 container.
    /// Cassandra has no local form: without either, the resource is shown as not started, with the reason,
    /// and its dependants get no connection string, so processor and api store users in PostgreSQL.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddCassandra(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.GetResourceMode(name) switch
        {
            ResourceMode.External => builder.AddExternalResource(name),
            ResourceMode.Container => builder.AddCassandraContainer(name),
            _ => builder.AddUnavailableCassandra(name,
                $"Not started: Cassandra has no local form, no container runtime answers and ConnectionStrings:{name} is not set. Users are stored in PostgreSQL."),
        };
    }

    /// <summary>The container form: one cassandra:5 node with a CQL-handshake health check.</summary>
    public static IResourceBuilder<CassandraServerResource> AddCassandraContainer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        var cassandra = new CassandraServerResource(name);
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new CqlHandshakeHealthCheck(async ct =>
            {
                var host = await cassandra.PrimaryEndpoint.Property(EndpointProperty.Host).GetValueAsync(ct);
                var portText = await cassandra.PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(ct);
                return (host ?? "localhost", int.Parse(portText!, System.Globalization.CultureInfo.InvariantCulture));
            }),
            failureStatus: default,
            tags: default));
        return builder.AddResource(cassandra)
            .WithEndpoint(port: port, targetPort: CqlPort, name: CassandraServerResource.PrimaryEndpointName)
            .WithImage(CassandraContainerImageTags.Image, CassandraContainerImageTags.Tag)
            .WithImageRegistry(CassandraContainerImageTags.Registry)
            .WithEnvironment("CASSANDRA_CLUSTER_NAME", "userstream")
            .WithEnvironment("CASSANDRA_DC", "datacenter1")
            .WithEnvironment("MAX_HEAP_SIZE", "1G")
            .WithEnvironment("HEAP_NEWSIZE", "200M")
            .WithHealthCheck(key);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddUnavailableCassandra(this IDistributedApplicationBuilder builder, string name, string reason)
    {
        var cassandra = new CassandraUnavailableResource(name, reason);
        // Dependants referenced it (ConnectionStrings__<name> = ""): take the variable away again, so a
        // service sees exactly what it sees when started by hand without Cassandra.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var dependant in e.Model.Resources.OfType<IResourceWithEnvironment>())
                if (dependant.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => ReferenceEquals(r.Resource, cassandra)))
                    dependant.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove($"ConnectionStrings__{name}")));
            return Task.CompletedTask;
        });
        return builder.AddResource(cassandra)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Cassandra",
                State = new ResourceStateSnapshot(KnownResourceStates.NotStarted, KnownResourceStateStyles.Warn),
                Properties = [new ResourcePropertySnapshot("Reason", reason)],
            })
            .ExcludeFromManifest();
    }
}
