using Confluent.Kafka;

namespace UserStream.Testing;

/// <summary>Reads a topic from the beginning by direct partition assignment (no group join), for assertions.</summary>
public static class TopicReader
{
    public static List<ConsumeResult<byte[]?, byte[]?>> Read(string bootstrapServers, string topic, int partitions, int expected, TimeSpan? timeout = null)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var results = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
                results.Add(result);
        }
        return results;
    }

    /// <summary>Reads for a short while and returns whatever arrived (to show that nothing more does).</summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan quiet) =>
        Read(bootstrapServers, topic, partitions, int.MaxValue, quiet);
}
