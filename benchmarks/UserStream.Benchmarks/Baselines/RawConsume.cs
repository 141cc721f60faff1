using System.Diagnostics;
using Confluent.Kafka;
using UserStream.Confluent.Kafka;

namespace UserStream.Benchmarks.Baselines;

/// <summary>
/// Yardstick for the processor's consuming side: a plain Confluent.Kafka consumer with the pipeline's consumer settings
/// reading the very messages the processor drained alone (users_created from the offsets where they begin), doing
/// nothing with them. Partitions are assigned, not joined through a group, so the embedded broker's ~3 s join is not
/// counted. Users/s from the first message to the last.
/// </summary>
public static class RawConsume
{
    public static double Run(string bootstrapServers, string topic, IReadOnlyDictionary<int, long> startOffsets, long expected)
    {
        var config = KafkaClientSettings.Consumer(bootstrapServers, $"bench-raw-{Guid.NewGuid():N}", "bench-raw-consume");
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(startOffsets.Select(p => new TopicPartitionOffset(topic, p.Key, p.Value)));
        // The embedded broker drops a partition's oldest data beyond ~5 MiB: read what it still holds, and say so.
        var held = startOffsets.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.Key), TimeSpan.FromSeconds(10)) is var w
            ? w.High.Value - Math.Max(w.Low.Value, p.Value) : 0);
        if (held < expected)
        {
            Console.WriteLine($"  warning: the broker holds {held:N0} of the {expected:N0} messages (it keeps ~5 MiB per partition); consuming those");
            expected = held;
        }

        var deadline = Stopwatch.StartNew();
        Stopwatch? clock = null;
        long read = 0;
        while (read < expected)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is not null)
            {
                clock ??= Stopwatch.StartNew();
                read++;
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"read {read:N0} of {expected:N0} raw messages from {topic} in 5 minutes (the embedded broker keeps only ~5 MiB per partition)");
        }
        // The first message starts the clock, so it is not counted in the rate.
        return (read - 1) / clock!.Elapsed.TotalSeconds;
    }
}
