using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using UserStream.Confluent.Kafka;
using UserStream.EmbeddedKafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>The integration's health check asks the real (embedded) broker for metadata over TCP.</summary>
public sealed class KafkaClientHealthCheckTests
{
    [Fact]
    public async Task Producer_health_check_is_healthy_when_the_broker_answers()
    {
        using var host = KafkaClientHost.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = SharedInfrastructure.KafkaBootstrapServers },
            b => b.AddKafkaProducer<string, string>("kafka"));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[ConfluentKafkaCommon.ProducerHealthCheckName];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains(SharedInfrastructure.KafkaBootstrapServers, entry.Description);
    }

    [Fact]
    public async Task Consumer_health_check_is_unhealthy_when_the_broker_is_stopped()
    {
        string stopped;
        using (var broker = EmbeddedKafkaBroker.Start())
            stopped = broker.BootstrapServers;
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = stopped,
            ["Aspire:Confluent:Kafka:Consumer:Config:GroupId"] = "health",
        }, b => b.AddKafkaConsumer<string, string>("kafka"));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries[ConfluentKafkaCommon.ConsumerHealthCheckName];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains(stopped, entry.Description);
    }

    [Fact]
    public async Task No_health_check_is_registered_when_DisableHealthChecks_is_set()
    {
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Aspire:Confluent:Kafka:Producer:DisableHealthChecks"] = "true",
        }, b =>
        {
            b.Services.AddHealthChecks(); // the service's own checks, as ServiceDefaults registers
            b.AddKafkaProducer<string, string>("kafka");
        });

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.DoesNotContain(ConfluentKafkaCommon.ProducerHealthCheckName, report.Entries.Keys);
    }
}
