using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Hosting.Cassandra;
using UserStream.Hosting.Forms;

namespace Aspire.Hosting;

/// <summary>Adds Cassandra to the application model, in the form <see cref="ResourceModeSelector"/> picks.</summary>
public static class CassandraBuilderExtensions
{
    private const int CqlPort = 9042;

    /// <summary>
    /// Adds Cassandra named <paramref name="name"/>: the configured cluster (external) or a cassandra:5 container.
    /// Cassandra has no local form: without a container runtime or a configured cluster nothing is added and this
    /// returns null, so the AppHost stores users in PostgreSQL (see <c>WithUserStore</c>).
    /// </summary>
    /// <returns>The node or cluster in its form, or null where none can run.</returns>
    public static IResourceBuilder<ICassandraServerResource>? AddCassandra(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var choice = builder.GetResourceMode(name);
        IResourceBuilder<ICassandraServerResource>? cassandra = choice.Mode switch
        {
            ResourceMode.External => builder.AddExternalCassandra(name),
            ResourceMode.Container => builder.AddCassandraContainer(name),
            _ => null,
        };
        return cassandra?.WithResourceMode(choice);
    }

    /// <summary>The external form: an existing cluster whose connection string is <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<ExternalCassandraServerResource> AddExternalCassandra(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddExternalServer(new ExternalCassandraServerResource(name, builder.AddConnectionStringParameter(name)));
    }

    /// <summary>The container form: one cassandra:5 node with a CQL-handshake health check.</summary>
    public static IResourceBuilder<CassandraServerResource> AddCassandraContainer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
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
}
