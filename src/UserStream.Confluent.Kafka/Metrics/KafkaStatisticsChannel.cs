using System.Threading.Channels;

namespace UserStream.Confluent.Kafka.Metrics;

/// <summary>
/// Hands librdkafka's statistics JSON from the client's poll thread to <see cref="KafkaStatisticsService"/>:
/// parsing there keeps the poll (and so delivery reports and consumption) from waiting on it.
/// </summary>
internal sealed class KafkaStatisticsChannel
{
    // A backlog of statistics is worthless: when the reader falls behind, the oldest go.
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<string> Reader => _channel.Reader;

    public void Publish(string json)
    {
        if (!string.IsNullOrEmpty(json))
            _channel.Writer.TryWrite(json);
    }
}
