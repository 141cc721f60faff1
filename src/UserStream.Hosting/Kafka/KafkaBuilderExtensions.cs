using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Hosting.Forms;
using UserStream.Hosting.Kafka;

namespace Aspire.Hosting;

/// <summary>Adds Kafka to the application model, in the form <see cref="ResourceModeSelector"/> picks (docs/apphost.md).</summary>
public static class KafkaBuilderExtensions
{
    private const int KafkaBrokerPort = 9092;
    private const int KafkaInternalBrokerPort = 9093;
    private const int KafkaControllerPort = 9094;

    /// <summary>
    /// Adds a Kafka broker named <paramref name="name"/>: the configured cluster (external), an apache/kafka
    /// container in KRaft mode (container) or the embedded broker process (local), each with a connection string
    /// host:port. The container and local forms are healthy once a broker answers and the pipeline's topics exist with
    /// <c>Kafka:Partitions</c> partitions (default 32) and <c>Kafka:ReplicationFactor</c> copies (default 1): the
    /// check creates them (the embedded broker makes them itself at start), so no service meets an auto-created topic.
    /// </summary>
    /// <param name="builder">The AppHost builder.</param>
    /// <param name="name">The resource name, also the connection name.</param>
    /// <param name="port">The bootstrap port on the host; 9092 when null (a random one under the testing builder).</param>
    /// <returns>The broker in its form: <see cref="ExternalKafkaServerResource"/>, <see cref="KafkaServerResource"/> or <see cref="EmbeddedKafkaServerResource"/>.</returns>
    public static IResourceBuilder<IKafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var choice = builder.GetResourceMode(name);
        IResourceBuilder<IKafkaServerResource> kafka = choice.Mode switch
        {
            ResourceMode.External => builder.AddExternalKafka(name),
            ResourceMode.Container => builder.AddKafkaContainer(name, port),
            _ => builder.AddEmbeddedKafka(name, port),
        };
        return kafka.WithResourceMode(choice);
    }

    /// <summary>The external form: an existing cluster whose bootstrap servers are <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<ExternalKafkaServerResource> AddExternalKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddExternalServer(new ExternalKafkaServerResource(name, builder.AddConnectionStringParameter(name)));
    }

    /// <summary>The container form: apache/kafka as a single KRaft node (broker and controller).</summary>
    public static IResourceBuilder<KafkaServerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var kafka = new KafkaServerResource(name);
        return builder.AddResource(kafka)
            .WithEndpoint(port: port ?? KafkaBrokerPort, targetPort: KafkaBrokerPort, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: KafkaInternalBrokerPort, name: KafkaServerResource.InternalEndpointName)
            .WithImage(KafkaContainerImageTags.Image, KafkaContainerImageTags.Tag)
            .WithImageRegistry(KafkaContainerImageTags.Registry)
            .WithEnvironment(context => ConfigureKraft(context, kafka))
            .WithTopicsHealthCheck(kafka, KafkaTopics.FromConfiguration(builder.Configuration), createMissing: true);
    }

    /// <summary>The local form: the embedded Kafka-protocol broker as its own process, creating the pipeline's topics.</summary>
    public static IResourceBuilder<EmbeddedKafkaServerResource> AddEmbeddedKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dll = EmbeddedKafkaBuild.DllPath();
        var kafka = new EmbeddedKafkaServerResource(name, Path.GetDirectoryName(dll)!);
        var resource = builder.AddResource(kafka)
            .WithArgs(dll)
            // DCP picks the port the process binds and hands it over in EmbeddedKafka__Port; its proxy serves the stable one.
            .WithEndpoint(port: port ?? KafkaBrokerPort, scheme: "tcp", name: EmbeddedKafkaServerResource.PrimaryEndpointName, env: "EmbeddedKafka__Port");
        // The mock cluster serves no CreateTopics: the process creates the topics at start, as its settings say.
        var topics = KafkaTopics.FromConfiguration(builder.Configuration);
        foreach (var topic in topics)
            resource.WithEnvironment($"EmbeddedKafka__Topics__{topic.Name}", topic.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return resource.WithTopicsHealthCheck(kafka, topics, createMissing: false);
    }

    private static IResourceBuilder<T> WithTopicsHealthCheck<T>(this IResourceBuilder<T> builder, IResourceWithConnectionString kafka,
        IReadOnlyList<KafkaTopic> topics, bool createMissing)
        where T : IResource
    {
        var key = $"{kafka.Name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new KafkaTopicsHealthCheck(ct => kafka.ConnectionStringExpression.GetValueAsync(ct), topics, createMissing),
            failureStatus: default,
            tags: default));
        return builder.WithHealthCheck(key);
    }

    private static void ConfigureKraft(EnvironmentCallbackContext context, KafkaServerResource kafka)
    {
        var env = context.EnvironmentVariables;
        env["KAFKA_NODE_ID"] = "1";
        env["KAFKA_PROCESS_ROLES"] = "broker,controller";
        env["KAFKA_CONTROLLER_QUORUM_VOTERS"] = $"1@localhost:{KafkaControllerPort}";
        env["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER";
        env["KAFKA_INTER_BROKER_LISTENER_NAME"] = "PLAINTEXT_INTERNAL";
        env["KAFKA_LISTENERS"] = $"PLAINTEXT_HOST://0.0.0.0:{KafkaBrokerPort},PLAINTEXT_INTERNAL://0.0.0.0:{KafkaInternalBrokerPort},CONTROLLER://0.0.0.0:{KafkaControllerPort}";
        env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";
        // Host processes reach the broker through the published port; other containers by the resource's name.
        env["KAFKA_ADVERTISED_LISTENERS"] = context.ExecutionContext.IsRunMode
            ? ReferenceExpression.Create($"PLAINTEXT_HOST://localhost:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:{kafka.InternalEndpoint.Property(EndpointProperty.TargetPort)}")
            : ReferenceExpression.Create($"PLAINTEXT_HOST://{kafka.PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},PLAINTEXT_INTERNAL://{kafka.InternalEndpoint.Property(EndpointProperty.HostAndPort)}");
        env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1";
        env["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1";
        env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1";
        // Topics the pipeline creates by first use get enough partitions to spread load.
        env["KAFKA_NUM_PARTITIONS"] = "32";
    }
}
