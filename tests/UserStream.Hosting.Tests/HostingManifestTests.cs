using System.Text.Json;
using Aspire.Hosting;

namespace UserStream.Hosting.Tests;

/// <summary>
/// The manifest each form writes, produced in process by Aspire's own manifest publisher (publish mode runs no
/// resource): the external forms are a <c>value.v0</c> whose connection string is a secret <c>parameter.v0</c>, so a
/// manifest never carries the value; the container forms are <c>container.v0</c> with their images and bindings.
/// </summary>
public sealed class HostingManifestTests
{
    [Fact]
    public async Task External_forms_publish_a_value_whose_connection_string_is_a_secret_parameter_never_the_value()
    {
        using var manifest = await PublishAsync(
            ["--ConnectionStrings:postgres=Host=db.example;Password=hunter2", "--ConnectionStrings:kafka=b1:9092",
             "--ConnectionStrings:cassandra=Contact Points=c1;Password=hunter2"],
            builder =>
            {
                builder.AddPostgresServer("postgres");
                builder.AddKafka("kafka").WithKafkaUI();
                builder.AddCassandra("cassandra");
            });
        var resources = manifest.RootElement.GetProperty("resources");

        foreach (var name in new[] { "postgres", "kafka", "cassandra" })
        {
            var server = resources.GetProperty(name);
            Assert.Equal("value.v0", server.GetProperty("type").GetString());
            Assert.Equal($"{{{name}-connection-string.value}}", server.GetProperty("connectionString").GetString());

            var parameter = resources.GetProperty($"{name}-connection-string");
            Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
            Assert.Equal($"{{{name}-connection-string.inputs.value}}", parameter.GetProperty("value").GetString());
            Assert.True(parameter.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        }
        Assert.DoesNotContain("hunter2", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("b1:9092", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.False(resources.TryGetProperty("kafka-ui", out _), "an external cluster gets no Kafka UI");
    }

    [Fact]
    public async Task Container_forms_publish_their_images_and_bindings_and_the_user_store_reference()
    {
        using var manifest = await PublishAsync(
            ["--Resources:postgres:Mode=container", "--Resources:kafka:Mode=container", "--Resources:cassandra:Mode=container"],
            builder =>
            {
                var postgres = builder.AddPostgresServer("postgres");
                builder.AddKafka("kafka").WithKafkaUI();
                var cassandra = builder.AddCassandra("cassandra");
                builder.AddContainer("api", "example/api").WithUserStore(cassandra ?? postgres);
            });
        var resources = manifest.RootElement.GetProperty("resources");

        Assert.StartsWith("docker.io/library/postgres:", Image(resources, "postgres"), StringComparison.Ordinal);
        Assert.StartsWith("docker.io/apache/kafka:", Image(resources, "kafka"), StringComparison.Ordinal);
        Assert.StartsWith("docker.io/library/cassandra:5", Image(resources, "cassandra"), StringComparison.Ordinal);
        Assert.Equal(9042, resources.GetProperty("cassandra").GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32());
        Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", resources.GetProperty("kafka").GetProperty("connectionString").GetString());
        Assert.Equal("docker.io/kafbat/kafka-ui:v1.5.0", Image(resources, "kafka-ui"));
        Assert.Equal("kafka", resources.GetProperty("kafka-ui").GetProperty("env").GetProperty("KAFKA_CLUSTERS_0_NAME").GetString());
        Assert.Contains("{kafka.bindings.internal.targetPort}", resources.GetProperty("kafka-ui").GetProperty("env").GetProperty("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS").GetString());
        Assert.Equal(8080, resources.GetProperty("kafka-ui").GetProperty("bindings").GetProperty("http").GetProperty("targetPort").GetInt32());

        var env = resources.GetProperty("api").GetProperty("env");
        Assert.Equal("cassandra", env.GetProperty("UserStore__Kind").GetString());
        Assert.Equal("{cassandra.connectionString}", env.GetProperty("ConnectionStrings__cassandra").GetString());
        Assert.False(env.TryGetProperty("ConnectionStrings__postgres", out _));
    }

    private static string? Image(JsonElement resources, string name)
    {
        var resource = resources.GetProperty(name);
        Assert.Equal("container.v0", resource.GetProperty("type").GetString());
        return resource.GetProperty("image").GetString();
    }

    // Aspire's manifest publisher, in process: publish mode writes the file and stops, starting no resource.
    private static async Task<JsonDocument> PublishAsync(string[] settings, Action<IDistributedApplicationBuilder> model)
    {
        var file = Path.Combine(Path.GetTempPath(), $"userstream-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", file, .. settings]);
            model(builder);
            using var app = builder.Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await app.RunAsync(timeout.Token);
            return JsonDocument.Parse(await File.ReadAllTextAsync(file, timeout.Token));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
