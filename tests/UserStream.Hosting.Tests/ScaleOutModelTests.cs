using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using UserStream.Hosting.Kafka;

namespace UserStream.Hosting.Tests;

/// <summary>Replicas and topic partitions from the AppHost's configuration, in the app model (nothing started).</summary>
public sealed class ScaleOutModelTests
{
    private static IDistributedApplicationBuilder Builder(params string[] settings) =>
        DistributedApplication.CreateBuilder([.. settings.Select(s => "--" + s)]);

    private static string ProjectPath => Path.Combine(UserStream.Testing.BuiltProjects.RepositoryRoot(), "src", "UserStream.Processor", "UserStream.Processor.csproj");

    [Fact]
    public void Processor_Replicas_3_runs_three_replicas_and_tells_each_the_count()
    {
        var processor = Builder("Processor:Replicas=3").AddProject("processor", ProjectPath).WithConfiguredReplicas("Processor");

        Assert.Equal(3, processor.Resource.GetReplicaCount());
        Assert.Equal("3", ModelEnvironment.Value(processor.Resource, "Processor__Replicas"));
    }

    [Fact]
    public void Without_the_setting_a_service_runs_once()
    {
        var ingestor = Builder().AddProject("ingestor", ProjectPath).WithConfiguredReplicas("Ingestor");

        Assert.Equal(1, ingestor.Resource.GetReplicaCount());
        Assert.Empty(ingestor.Resource.Annotations.OfType<ReplicaAnnotation>());
        Assert.Equal("1", ModelEnvironment.Value(ingestor.Resource, "Ingestor__Replicas"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("three")]
    [InlineData("17")]
    [InlineData("2.5")]
    public void A_replica_count_that_is_not_a_whole_number_from_1_to_16_is_refused_naming_the_setting(string value)
    {
        var builder = Builder($"Processor:Replicas={value}");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddProject("processor", ProjectPath).WithConfiguredReplicas("Processor"));
        Assert.Contains("Processor:Replicas", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_broker_creates_both_topics_with_Kafka_Partitions()
    {
        var kafka = Builder("Resources:kafka:Mode=local", "Kafka:Partitions=8").AddKafka("kafka", port: 19093);

        Assert.Equal("8", ModelEnvironment.Value(kafka.Resource, "EmbeddedKafka__Topics__users_created"));
        Assert.Equal("8", ModelEnvironment.Value(kafka.Resource, "EmbeddedKafka__Topics__users_created.dlq"));
    }

    [Fact]
    public void Topics_default_to_32_partitions_and_one_copy()
    {
        var topics = KafkaTopics.FromConfiguration(Builder().Configuration);

        Assert.Equal([("users_created", 32, (short)1), ("users_created.dlq", 32, (short)1)],
            topics.Select(t => (t.Name, t.Partitions, t.ReplicationFactor)));
    }

    [Theory]
    [InlineData("Kafka:Partitions", "0")]
    [InlineData("Kafka:Partitions", "many")]
    [InlineData("Kafka:ReplicationFactor", "0")]
    public void A_bad_partition_or_replication_setting_is_refused_naming_it(string key, string value)
    {
        var builder = Builder($"{key}={value}");

        var error = Assert.Throws<InvalidOperationException>(() => KafkaTopics.FromConfiguration(builder.Configuration));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
