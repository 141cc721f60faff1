using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UserStream.Confluent.Kafka.Metrics;

/// <summary>
/// The instruments of meter <see cref="ConfluentKafkaCommon.MeterName"/>, fed by librdkafka's statistics:
/// counters grow by the difference between a client's consecutive totals, gauges report each client's
/// latest value. Instrument names are the ones Aspire.Confluent.Kafka uses.
/// </summary>
internal sealed class ConfluentKafkaMetrics
{
    private readonly ConcurrentDictionary<string, LibrdkafkaStatistics> _latest = new(StringComparer.Ordinal);
    private readonly Counter<long> _requests, _requestBytes, _responses, _responseBytes;
    private readonly Counter<long> _messagesProduced, _messageBytesProduced, _messagesConsumed, _messageBytesConsumed;

    public ConfluentKafkaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ConfluentKafkaCommon.MeterName);
        meter.CreateObservableGauge("messaging.kafka.consumer.queue.message_count", () => Observe(s => s.ReplyQueue),
            "{operation}", "Operations (callbacks, events) waiting for the application to poll them");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.message_count", () => Observe(s => s.MessageCount),
            "{message}", "Messages waiting in the producer's queues");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.size", () => Observe(s => s.MessageSize),
            "By", "Bytes of the messages waiting in the producer's queues");
        _requests = meter.CreateCounter<long>("messaging.kafka.network.tx", "{request}", "Requests sent to brokers");
        _requestBytes = meter.CreateCounter<long>("messaging.kafka.network.transmitted", "By", "Bytes sent to brokers");
        _responses = meter.CreateCounter<long>("messaging.kafka.network.rx", "{response}", "Responses received from brokers");
        _responseBytes = meter.CreateCounter<long>("messaging.kafka.network.received", "By", "Bytes received from brokers");
        _messagesProduced = meter.CreateCounter<long>("messaging.publish.messages", "{message}", "Messages sent to brokers");
        _messageBytesProduced = meter.CreateCounter<long>("messaging.kafka.message.transmitted", "By", "Message bytes sent to brokers, framing included");
        _messagesConsumed = meter.CreateCounter<long>("messaging.receive.messages", "{message}", "Messages received from brokers");
        _messageBytesConsumed = meter.CreateCounter<long>("messaging.kafka.message.received", "By", "Message bytes received from brokers, framing included");
    }

    /// <summary>Records one statistics report. Called from one thread at a time (the statistics service).</summary>
    public void Record(LibrdkafkaStatistics current)
    {
        if (current.Name is null)
            return;
        _latest.TryGetValue(current.Name, out var previous);
        var tags = Tags(current, withType: true);
        Add(_requests, current.Requests, previous?.Requests, tags);
        Add(_requestBytes, current.RequestBytes, previous?.RequestBytes, tags);
        Add(_responses, current.Responses, previous?.Responses, tags);
        Add(_responseBytes, current.ResponseBytes, previous?.ResponseBytes, tags);
        Add(_messagesProduced, current.MessagesProduced, previous?.MessagesProduced, tags);
        Add(_messageBytesProduced, current.MessageBytesProduced, previous?.MessageBytesProduced, tags);
        Add(_messagesConsumed, current.MessagesConsumed, previous?.MessagesConsumed, tags);
        Add(_messageBytesConsumed, current.MessageBytesConsumed, previous?.MessageBytesConsumed, tags);
        _latest[current.Name] = current;
    }

    private static void Add(Counter<long> counter, long total, long? previousTotal, in TagList tags)
    {
        var delta = total - (previousTotal ?? 0);
        if (delta > 0)
            counter.Add(delta, tags);
    }

    private IEnumerable<Measurement<long>> Observe(Func<LibrdkafkaStatistics, long> value) =>
        _latest.Values.Select(s => new Measurement<long>(value(s), Tags(s, withType: false))).ToList();

    private static TagList Tags(LibrdkafkaStatistics statistics, bool withType)
    {
        var tags = new TagList
        {
            { "messaging.client_id", statistics.ClientId },
            { "name", statistics.Name },
        };
        if (withType)
            tags.Add("type", statistics.Type);
        return tags;
    }
}
