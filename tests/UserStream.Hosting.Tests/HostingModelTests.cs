using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using UserStream.Hosting.Forms;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

/// <summary>
/// The integrations' app model, built in process with <see cref="DistributedApplication.CreateBuilder(string[])"/> and
/// nothing started: which resource each form adds, its endpoints, connection-string expression, environment and form.
/// </summary>
public sealed class HostingModelTests
{
    private static IDistributedApplicationBuilder Builder(params string[] settings) =>
        DistributedApplication.CreateBuilder([.. settings.Select(s => "--" + s)]);

    [Fact]
    public void Kafka_in_container_form_is_an_apache_kafka_container_with_a_host_and_an_internal_listener()
    {
        var builder = Builder("Resources:kafka:Mode=container");
        var kafka = builder.AddKafka("kafka");

        var container = Assert.IsType<KafkaServerResource>(kafka.Resource);
        var image = Assert.Single(container.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("docker.io", "apache/kafka"), (image.Registry, image.Image));
        var endpoints = container.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        Assert.Equal(9092, endpoints["tcp"].TargetPort);
        Assert.Equal(9093, endpoints["internal"].TargetPort);
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", container.ConnectionStringExpression.ValueExpression);
        Assert.Equal("container: Resources:kafka:Mode is container", Form(container));
    }

    [Fact]
    public void Kafka_in_local_form_runs_the_embedded_broker_behind_a_stable_bootstrap_port()
    {
        var builder = Builder("Resources:kafka:Mode=local");
        var kafka = builder.AddKafka("kafka", port: 19092);

        var broker = Assert.IsType<EmbeddedKafkaServerResource>(kafka.Resource);
        Assert.Equal("dotnet", broker.Command);
        var endpoint = Assert.Single(broker.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal((19092, "tcp"), (endpoint.Port, endpoint.UriScheme));
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", broker.ConnectionStringExpression.ValueExpression);
        Assert.Equal("local: Resources:kafka:Mode is local", Form(broker));
    }

    [Fact]
    public async Task Kafka_in_external_form_reads_its_bootstrap_servers_from_a_secret_parameter()
    {
        var builder = Builder("ConnectionStrings:kafka=b1:9092,b2:9092");
        var kafka = builder.AddKafka("kafka");

        var external = Assert.IsType<ExternalKafkaServerResource>(kafka.Resource);
        Assert.True(external.ConnectionStringParameter.Secret);
        Assert.Equal("{kafka-connection-string.value}", external.ConnectionStringExpression.ValueExpression);
        Assert.Equal("b1:9092,b2:9092", await external.ConnectionStringExpression.GetValueAsync(CancellationToken.None));
        Assert.Equal("external: ConnectionStrings:kafka is set", Form(external));
    }

    [Fact]
    public void An_external_form_without_its_connection_string_is_refused_naming_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder("Resources:postgres:Mode=external").AddPostgresServer("postgres"));
        Assert.Contains("ConnectionStrings__postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cassandra_without_a_form_that_can_run_is_not_added_and_the_services_store_users_in_postgresql()
    {
        var builder = Builder("Resources:cassandra:Mode=local", "Resources:postgres:Mode=local");
        var cassandra = builder.AddCassandra("cassandra");
        var postgres = builder.AddPostgresServer("postgres");
        var processor = builder.AddExecutable("processor", "dotnet", ".").WithUserStore(cassandra ?? postgres);

        Assert.Null(cassandra);
        Assert.DoesNotContain(builder.Resources, r => r.Name == "cassandra");
        Assert.Equal("postgres", ModelEnvironment.Value(processor.Resource, UserStoreBuilderExtensions.KindVariable));
        Assert.Contains(processor.Resource.Annotations.OfType<WaitAnnotation>(), w => w.Resource == postgres.Resource);
    }

    [Fact]
    public void Cassandra_in_container_form_keeps_the_users_and_the_services_are_told_so()
    {
        var builder = Builder("Resources:cassandra:Mode=container");
        var cassandra = builder.AddCassandra("cassandra");
        var api = builder.AddExecutable("api", "dotnet", ".").WithUserStore(cassandra!);

        var container = Assert.IsType<CassandraServerResource>(cassandra!.Resource);
        Assert.Equal(9042, Assert.Single(container.Annotations.OfType<EndpointAnnotation>()).TargetPort);
        Assert.Equal("Contact Points={cassandra.bindings.tcp.host};Port={cassandra.bindings.tcp.port};Default Keyspace=user_stream",
            container.ConnectionStringExpression.ValueExpression);
        Assert.Equal("cassandra", ModelEnvironment.Value(api.Resource, UserStoreBuilderExtensions.KindVariable));
        Assert.Contains(api.Resource.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource == container);
    }

    [Fact]
    public void PostgreSQL_in_local_form_runs_the_installed_binaries_durably_on_loopback()
    {
        var builder = Builder("Resources:postgres:Mode=local");
        var postgres = builder.AddPostgresServer("postgres");

        var local = Assert.IsType<LocalPostgresServerResource>(postgres.Resource);
        Assert.Equal("/bin/sh", local.Command);
        Assert.False(local.KeepsData);
        Assert.StartsWith("Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres", local.ConnectionStringExpression.ValueExpression, StringComparison.Ordinal);
        Assert.False(Assert.Single(local.Annotations.OfType<EndpointAnnotation>()).IsProxied);
        Assert.Equal("local: Resources:postgres:Mode is local", Form(local));
    }

    [Fact]
    public void PostgreSQL_in_container_form_is_Aspire_Hosting_PostgreSQL_own_resource()
    {
        var postgres = Builder("Resources:postgres:Mode=container").AddPostgresServer("postgres");

        Assert.IsType<PostgresServerResource>(postgres.Resource);
        Assert.Equal("container: Resources:postgres:Mode is container", Form(postgres.Resource));
    }

    private static string? Form(IResource resource) =>
        resource.Annotations.OfType<ResourceModeAnnotation>().LastOrDefault()?.Choice.ToString();
}
