using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Hosting.Kafka;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

/// <summary>The Kafka forms' health check against a real Kafka-protocol broker (the shared embedded one).</summary>
public sealed class KafkaTopicsHealthCheckTests
{
    private static readonly HealthCheckContext Context = new();

    private static KafkaTopicsHealthCheck Check(IReadOnlyList<KafkaTopic> topics, bool createMissing, string? servers = null) =>
        new(_ => ValueTask.FromResult<string?>(servers ?? SharedInfrastructure.KafkaBootstrapServers), topics, createMissing);

    [Fact]
    public async Task Healthy_once_every_topic_exists_naming_their_partitions()
    {
        var first = SharedInfrastructure.CreateTopic("topics-a", 3);
        var second = SharedInfrastructure.CreateTopic("topics-b", 2);

        var result = await Check([new KafkaTopic(first, 3, 1), new KafkaTopic(second, 2, 1)], createMissing: false).CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains($"{first}: 3 partitions", result.Description, StringComparison.Ordinal);
        Assert.Contains($"{second}: 2 partitions", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_topic_keeps_Kafka_unhealthy_naming_it_until_the_broker_has_it()
    {
        var present = SharedInfrastructure.CreateTopic("topics-present", 2);
        var missing = "topics-missing-" + Guid.NewGuid().ToString("N");
        var check = Check([new KafkaTopic(present, 2, 1), new KafkaTopic(missing, 4, 1)], createMissing: false);

        var before = await check.CheckHealthAsync(Context);
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains(missing, before.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(present, before.Description, StringComparison.Ordinal);

        SharedInfrastructure.Broker.CreateTopic(missing, 4);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(Context)).Status);
    }

    [Fact]
    public async Task A_topic_that_exists_with_other_partitions_is_kept_and_the_check_says_so()
    {
        var topic = SharedInfrastructure.CreateTopic("topics-other", 2);

        var result = await Check([new KafkaTopic(topic, 32, 1)], createMissing: true).CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains($"{topic}: 2 partitions (it existed already; Kafka:Partitions asks for 32)", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_broker_at_the_address_is_unhealthy_naming_the_address()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";

        var result = await Check([new KafkaTopic("users_created", 32, 1)], createMissing: true, address).CheckHealthAsync(Context);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(address, result.Description, StringComparison.Ordinal);
    }
}
