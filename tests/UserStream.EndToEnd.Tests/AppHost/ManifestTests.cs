using System.Text.Json;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// Container mode cannot run on these machines, so it is checked where Aspire describes it: the manifest
/// (`--publisher manifest`) written with every resource forced to its container form.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_manifest_in_container_mode_names_the_images_endpoints_and_references_of_every_resource()
    {
        var file = Path.Combine(Path.GetTempPath(), $"userstream-manifest-{Guid.NewGuid():N}.json");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await AppHostExecutable.RunAsync(
                ["--publisher", "manifest", "--output-path", file,
                 "--Resources:postgres:Mode=container", "--Resources:kafka:Mode=container", "--Resources:cassandra:Mode=container"],
                timeout.Token);
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            var resources = manifest.RootElement.GetProperty("resources");

            AssertContainer(resources, "postgres", "docker.io/library/postgres:", "tcp", 5432);
            AssertContainer(resources, "kafka", "docker.io/apache/kafka:", "tcp", 9092);
            AssertContainer(resources, "cassandra", "docker.io/library/cassandra:5", "tcp", 9042);
            Assert.Equal("{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}", resources.GetProperty("kafka").GetProperty("connectionString").GetString());
            Assert.Contains("KAFKA_PROCESS_ROLES", resources.GetProperty("kafka").GetProperty("env").EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("Contact Points={cassandra.bindings.tcp.host};Port={cassandra.bindings.tcp.port}",
                resources.GetProperty("cassandra").GetProperty("connectionString").GetString(), StringComparison.Ordinal);

            // Where Cassandra runs it keeps the users: processor and api are told so and reference it, not PostgreSQL.
            AssertReferences(resources, "ingestor", ["postgres", "kafka"], ["cassandra"]);
            AssertReferences(resources, "processor", ["kafka", "cassandra"], ["postgres"]);
            AssertReferences(resources, "api", ["cassandra"], ["kafka", "postgres"]);
            foreach (var service in new[] { "processor", "api" })
                Assert.Equal("cassandra", resources.GetProperty(service).GetProperty("env").GetProperty("UserStore__Kind").GetString());
            Assert.Equal("{source.bindings.http.url}", resources.GetProperty("ingestor").GetProperty("env").GetProperty("services__source__http__0").GetString());
            // The API key and the page token key: secret parameters the AppHost generates, handed to the services by reference.
            foreach (var secret in new[] { "api-key", "page-token-key" })
            {
                var parameter = resources.GetProperty(secret);
                Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
                var input = parameter.GetProperty("inputs").GetProperty("value");
                Assert.True(input.GetProperty("secret").GetBoolean());
                Assert.Equal(32, input.GetProperty("default").GetProperty("generate").GetProperty("minLength").GetInt32());
            }
            foreach (var service in new[] { "ingestor", "processor", "api" })
                Assert.Equal("{api-key.value}", resources.GetProperty(service).GetProperty("env").GetProperty("Security__ApiKey").GetString());
            Assert.Equal("{page-token-key.value}", resources.GetProperty("api").GetProperty("env").GetProperty("UserStore__Cassandra__PageTokenKey").GetString());
            foreach (var (service, port) in new[] { ("api", 5080), ("ingestor", 5081), ("source", 5082), ("processor", 5083) })
            {
                Assert.Equal("project.v0", resources.GetProperty(service).GetProperty("type").GetString());
                Assert.Equal(port, resources.GetProperty(service).GetProperty("bindings").GetProperty("http").GetProperty("port").GetInt32());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertContainer(JsonElement resources, string name, string imagePrefix, string binding, int targetPort)
    {
        var resource = resources.GetProperty(name);
        Assert.Equal("container.v0", resource.GetProperty("type").GetString());
        Assert.StartsWith(imagePrefix, resource.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal(targetPort, resource.GetProperty("bindings").GetProperty(binding).GetProperty("targetPort").GetInt32());
    }

    private static void AssertReferences(JsonElement resources, string service, string[] referenced, string[] notReferenced)
    {
        var env = resources.GetProperty(service).GetProperty("env");
        foreach (var name in referenced)
            Assert.Equal($"{{{name}.connectionString}}", env.GetProperty($"ConnectionStrings__{name}").GetString());
        foreach (var name in notReferenced)
            Assert.False(env.TryGetProperty($"ConnectionStrings__{name}", out _), $"{service} should not reference {name}");
    }
}
