using System.Diagnostics;
using Confluent.Kafka;
using UserStream.Contracts.Messages;
using UserStream.Confluent.Kafka;

namespace UserStream.Benchmarks.Baselines;

/// <summary>
/// Yardstick for the relay: a plain Confluent.Kafka producer with the pipeline's own producer settings (idempotent,
/// acks=all, the same linger and compression) sending the burst's messages, with the relay's headers, to a fresh
/// topic on the same broker as fast as librdkafka takes them. Users/s from the first Produce to the last delivery report.
/// </summary>
public static class RawProduce
{
    public static double Run(string bootstrapServers, string topic, IReadOnlyList<SampleMessage> messages)
    {
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(bootstrapServers, "bench-raw-produce")).Build();
        // Warm up outside the clock: connections, metadata and the idempotent producer id, which the relay's long-lived producer has too.
        producer.Produce(topic, ToMessage(messages[0]));
        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0)
            throw new TimeoutException($"the broker at {bootstrapServers} did not acknowledge a warm-up message to {topic} within 30 s");

        var pending = messages.Count;
        Error? firstError = null;
        var clock = Stopwatch.StartNew();
        foreach (var sample in messages)
        {
            var message = ToMessage(sample);
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, report =>
                    {
                        if (report.Error.IsError)
                            firstError ??= report.Error;
                        Interlocked.Decrement(ref pending);
                    });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10)); // librdkafka's queue is full: serve delivery reports, then retry
                }
            }
        }
        while (Volatile.Read(ref pending) > 0)
        {
            producer.Flush(TimeSpan.FromSeconds(1));
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"{pending:N0} of {messages.Count:N0} raw messages unacknowledged after 5 minutes");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        if (firstError is not null)
            throw new KafkaException(firstError);
        return messages.Count / seconds;
    }

    private static Message<string, byte[]> ToMessage(SampleMessage sample)
    {
        var headers = new Headers()
            .AddString(MessageHeaders.ContentType, MessageSchema.JsonContentType)
            .AddString(MessageHeaders.Schema, MessageSchema.UserCreatedV1);
        if (sample.TraceParent is not null)
            headers.AddString(MessageHeaders.TraceParent, sample.TraceParent);
        return new Message<string, byte[]> { Key = sample.Key, Value = sample.Value, Headers = headers };
    }
}
