using System.Globalization;
using Microsoft.Extensions.Configuration;
using UserStream.Contracts.Messages;

namespace UserStream.Hosting.Kafka;

/// <summary>A topic the pipeline needs, with the partitions and copies the AppHost gives it.</summary>
public sealed record KafkaTopic(string Name, int Partitions, short ReplicationFactor);

/// <summary>The pipeline's topics from the AppHost's <c>Kafka:Partitions</c> (default 32) and <c>Kafka:ReplicationFactor</c> (default 1).</summary>
public static class KafkaTopics
{
    /// <summary>Partitions per topic unless <c>Kafka:Partitions</c> says otherwise: room for 32 processors.</summary>
    public const int DefaultPartitions = 32;

    /// <summary>Most partitions <c>Kafka:Partitions</c> may ask for.</summary>
    public const int MaxPartitions = 1024;

    /// <summary>Both topics with the configured counts; a count that is not a whole number in range is an error naming its setting.</summary>
    public static IReadOnlyList<KafkaTopic> FromConfiguration(IConfiguration configuration)
    {
        var partitions = Read(configuration, "Kafka:Partitions", DefaultPartitions, MaxPartitions);
        var replication = (short)Read(configuration, "Kafka:ReplicationFactor", 1, short.MaxValue);
        return [new KafkaTopic(Topics.UsersCreated, partitions, replication), new KafkaTopic(Topics.UsersCreatedDeadLetter, partitions, replication)];
    }

    private static int Read(IConfiguration configuration, string key, int fallback, int max)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw new InvalidOperationException($"{key} must be a whole number from 1 to {max}; got '{value}'.");
    }
}
