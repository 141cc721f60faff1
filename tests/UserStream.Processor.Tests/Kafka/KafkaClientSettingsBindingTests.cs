using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Confluent.Kafka;
using UserStream.Testing;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>AddKafkaProducer / AddKafkaConsumer: what configuration says is what librdkafka gets.</summary>
public sealed class KafkaClientSettingsBindingTests
{
    [Fact]
    public void A_typed_Config_key_under_Aspire_Confluent_Kafka_Producer_reaches_librdkafka()
    {
        var clientId = "bound-" + Guid.NewGuid().ToString("N")[..8];
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Aspire:Confluent:Kafka:Producer:Config:ClientId"] = clientId,
        }, b => b.AddKafkaProducer<string, string>("kafka"));

        var producer = host.Services.GetRequiredService<IProducer<string, string>>();

        // librdkafka names its handle after client.id: the configured value got through.
        Assert.StartsWith(clientId + "#producer-", producer.Name);
    }

    [Fact]
    public void A_librdkafka_named_Config_key_under_Aspire_Confluent_Kafka_Consumer_reaches_librdkafka()
    {
        var clientId = "dotted-" + Guid.NewGuid().ToString("N")[..8];
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Aspire:Confluent:Kafka:Consumer:Config:client.id"] = clientId,
            ["Aspire:Confluent:Kafka:Consumer:Config:group.id"] = "binding-test",
        }, b => b.AddKafkaConsumer<string, string>("kafka"));

        var consumer = host.Services.GetRequiredService<IConsumer<string, string>>();

        Assert.StartsWith(clientId + "#consumer-", consumer.Name);
    }

    [Fact]
    public void Configured_Config_values_override_our_defaults_and_the_other_defaults_stay()
    {
        ProducerConfig? seen = null;
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
            ["Aspire:Confluent:Kafka:Producer:Config:LingerMs"] = "20",
            ["Aspire:Confluent:Kafka:Producer:Config:compression.type"] = "zstd",
        }, b => b.AddKafkaProducer<string, string>("kafka", settings => seen = settings.Config));

        Assert.NotNull(seen);
        Assert.Equal(20, seen.LingerMs);
        Assert.Equal(CompressionType.Zstd, seen.CompressionType);
        Assert.True(seen.EnableIdempotence);
        Assert.Equal(Acks.All, seen.Acks);
        Assert.Equal("127.0.0.1:1", seen.BootstrapServers);
    }

    [Fact]
    public void Consumer_defaults_never_commit_or_store_offsets_on_their_own()
    {
        ConsumerConfig? seen = null;
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
            ["Aspire:Confluent:Kafka:Consumer:Config:GroupId"] = "g",
        }, b => b.AddKafkaConsumer<string, string>("kafka", settings => seen = settings.Config));

        Assert.NotNull(seen);
        Assert.False(seen.EnableAutoCommit);
        Assert.False(seen.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, seen.AutoOffsetReset);
        Assert.Equal(50, seen.FetchWaitMaxMs);
        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, seen.PartitionAssignmentStrategy);
    }

    [Fact]
    public void A_keyed_producer_reads_its_own_section_and_connection_string()
    {
        var clientId = "keyed-" + Guid.NewGuid().ToString("N")[..8];
        using var host = KafkaClientHost.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:audit"] = SharedInfrastructure.KafkaBootstrapServers,
            ["Aspire:Confluent:Kafka:Producer:audit:Config:ClientId"] = clientId,
        }, b => b.AddKeyedKafkaProducer<string, string>("audit"));

        var producer = host.Services.GetRequiredKeyedService<IProducer<string, string>>("audit");

        Assert.StartsWith(clientId + "#producer-", producer.Name);
    }

    [Fact]
    public void A_producer_without_bootstrap_servers_is_refused_naming_the_connection_string()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            KafkaClientHost.Build(new Dictionary<string, string?>(), b => b.AddKafkaProducer<string, string>("kafka")));
        Assert.Contains("ConnectionStrings:kafka", e.Message);
    }

    [Fact]
    public void A_consumer_without_a_group_is_refused_naming_the_key()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KafkaClientHost.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = "127.0.0.1:1" },
            b => b.AddKafkaConsumer<string, string>("kafka")));
        Assert.Contains("Aspire:Confluent:Kafka:Consumer:Config:GroupId", e.Message);
    }
}
