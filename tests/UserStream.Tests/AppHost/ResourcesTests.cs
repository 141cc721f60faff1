using Aspire.Hosting.ApplicationModel;

namespace UserStream.Tests.AppHost;

/// <summary>What the AppHost declares and how each resource is provided on a machine without a container runtime.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ResourcesTests(AppHostFixture appHost)
{
    [Fact]
    public async Task Without_a_container_runtime_postgres_and_kafka_run_as_local_processes_and_cassandra_is_not_started_with_the_reason()
    {
        var postgres = await appHost.CurrentStateAsync("postgres");
        var kafka = await appHost.CurrentStateAsync("kafka");
        var cassandra = await appHost.CurrentStateAsync("cassandra");

        Assert.Equal(KnownResourceStates.Running, postgres.Snapshot.State?.Text);
        Assert.Contains("/postgres", string.Join(' ', LinuxProcesses.Descendants(await appHost.ProcessIdAsync("postgres")).Select(LinuxProcesses.CommandLine)), StringComparison.Ordinal);
        Assert.Equal(KnownResourceStates.Running, kafka.Snapshot.State?.Text);
        Assert.Equal(KnownResourceStates.NotStarted, cassandra.Snapshot.State?.Text);
        Assert.Contains(cassandra.Snapshot.Properties, p => p.Name == "Reason" && p.Value?.ToString()!.Contains("PostgreSQL", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Services_get_connection_strings_for_postgres_and_kafka_but_none_for_a_cassandra_that_is_not_there()
    {
        var processor = await appHost.CurrentStateAsync("processor");
        var environment = processor.Snapshot.EnvironmentVariables.Where(e => e.IsFromSpec).ToDictionary(e => e.Name, e => e.Value);

        Assert.StartsWith("Host=", environment["ConnectionStrings__postgres"], StringComparison.Ordinal);
        Assert.Matches(@"^localhost:\d+$", environment["ConnectionStrings__kafka"]);
        Assert.DoesNotContain("ConnectionStrings__cassandra", environment.Keys);
        Assert.True(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }
}
