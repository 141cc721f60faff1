using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using UserStream.Hosting.Forms;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>What the AppHost declares and how each resource is provided on a machine without a container runtime.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ResourcesTests(AppHostFixture appHost)
{
    [Fact]
    public async Task Without_a_container_runtime_postgres_and_kafka_run_as_local_processes_saying_why_and_cassandra_is_not_added()
    {
        var postgres = await appHost.CurrentStateAsync("postgres");
        var kafka = await appHost.CurrentStateAsync("kafka");

        Assert.Equal(KnownResourceStates.Running, postgres.Snapshot.State?.Text);
        Assert.Contains("/postgres", string.Join(' ', LinuxProcesses.Descendants(await appHost.ProcessIdAsync("postgres")).Select(LinuxProcesses.CommandLine)), StringComparison.Ordinal);
        Assert.Equal(KnownResourceStates.Running, kafka.Snapshot.State?.Text);
        foreach (var resource in new[] { postgres, kafka })
            Assert.Contains(resource.Snapshot.Properties, p => p.Name == ResourceModeAnnotation.PropertyName
                && Equals(p.Value?.ToString(), "local: no container runtime answers"));
        Assert.DoesNotContain(appHost.App.Services.GetRequiredService<DistributedApplicationModel>().Resources, r => r.Name == "cassandra");
    }

    [Fact]
    public async Task Every_service_replica_runs_as_its_built_executable_with_no_dotnet_run_beside_it()
    {
        foreach (var (service, assembly) in new[] { ("source", "UserStream.Source"), ("ingestor", "UserStream.Ingestor"), ("processor", "UserStream.Processor"), ("api", "UserStream.Api") })
            foreach (var replica in await appHost.ReplicasAsync(service))
            {
                var pid = await appHost.ProcessIdAsync(replica.ResourceId);
                var command = LinuxProcesses.CommandLine(pid);
                Assert.Matches($@"/{assembly}/bin/[^/]+/net\d+\.0/{assembly}$", command.Split(' ')[0]);
                Assert.DoesNotContain(LinuxProcesses.Descendants(pid).Select(LinuxProcesses.CommandLine), c => c.Contains("dotnet run", StringComparison.Ordinal));
            }
        Assert.DoesNotContain(LinuxProcesses.WithCommandLineContaining("dotnet run --project").Select(LinuxProcesses.CommandLine),
            c => c.Contains(BuiltProjects.RepositoryRoot(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Services_are_told_the_store_and_get_connection_strings_for_postgres_and_kafka_only()
    {
        var processor = (await appHost.ReplicasAsync("processor"))[0];
        var environment = processor.Snapshot.EnvironmentVariables.Where(e => e.IsFromSpec).ToDictionary(e => e.Name, e => e.Value);

        Assert.Equal("postgres", environment["UserStore__Kind"]);
        Assert.StartsWith("Host=", environment["ConnectionStrings__postgres"], StringComparison.Ordinal);
        Assert.Matches(@"^localhost:\d+$", environment["ConnectionStrings__kafka"]);
        Assert.DoesNotContain("ConnectionStrings__cassandra", environment.Keys);
        Assert.True(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal(AppHostFixture.ProcessorReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["Processor__Replicas"]);
    }

    [Fact]
    public async Task Each_replica_is_a_resource_of_its_own_and_the_topics_have_the_configured_partitions()
    {
        foreach (var (service, count) in new[] { ("processor", AppHostFixture.ProcessorReplicas), ("ingestor", AppHostFixture.IngestorReplicas), ("api", 1) })
        {
            var replicas = await appHost.ReplicasAsync(service);
            Assert.Equal(count, replicas.Select(r => r.ResourceId).Distinct().Count());
            Assert.All(replicas, r => Assert.Equal(KnownResourceStates.Running, r.Snapshot.State?.Text));
        }
        var kafka = await appHost.CurrentStateAsync("kafka");
        var topics = Assert.Single(kafka.Snapshot.HealthReports, h => h.Name == "kafka_check");
        Assert.Contains("users_created: 32 partitions", topics.Description, StringComparison.Ordinal);
        Assert.Contains("users_created.dlq: 32 partitions", topics.Description, StringComparison.Ordinal);
    }
}
