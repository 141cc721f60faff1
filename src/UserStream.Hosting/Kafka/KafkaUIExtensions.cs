using Aspire.Hosting.ApplicationModel;
using UserStream.Hosting.Kafka;

namespace Aspire.Hosting;

/// <summary>A Kafka UI container beside the container form of Kafka (stands in for Aspire.Hosting.Kafka's WithKafkaUI).</summary>
public static class KafkaUIExtensions
{
    /// <summary>The UI's image: kafbat/kafka-ui, pinned.</summary>
    public const string Image = "kafbat/kafka-ui", Tag = "v1.5.0", Registry = "docker.io";

    private const int UIPort = 8080;

    /// <summary>
    /// In the container form, adds <c>&lt;name&gt;-ui</c>: kafbat/kafka-ui wired to the broker's internal listener, on
    /// <paramref name="hostPort"/> (a free port when null), started once the broker is healthy. The embedded broker
    /// (local form) and an external cluster get none: the UI needs a container runtime, and an external cluster has its own.
    /// </summary>
    public static IResourceBuilder<IKafkaServerResource> WithKafkaUI(this IResourceBuilder<IKafkaServerResource> builder, int? hostPort = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Resource is not KafkaServerResource kafka)
            return builder;
        builder.ApplicationBuilder.AddContainer($"{kafka.Name}-ui", Image, Tag)
            .WithImageRegistry(Registry)
            .WithHttpEndpoint(port: hostPort, targetPort: UIPort, name: "http")
            .WithEnvironment("KAFKA_CLUSTERS_0_NAME", kafka.Name)
            .WithEnvironment("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS",
                ReferenceExpression.Create($"{kafka.Name}:{kafka.InternalEndpoint.Property(EndpointProperty.TargetPort)}"))
            .WithParentRelationship(kafka)
            .WaitFor(builder);
        return builder;
    }
}
