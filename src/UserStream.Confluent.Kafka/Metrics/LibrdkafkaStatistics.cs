using System.Text.Json.Serialization;

namespace UserStream.Confluent.Kafka.Metrics;

/// <summary>The top-level fields of librdkafka's statistics JSON that become metrics (librdkafka's STATISTICS.md).</summary>
internal sealed class LibrdkafkaStatistics
{
    /// <summary>Handle name, unique per client in the process ("client.id#producer-1").</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("client_id")] public string? ClientId { get; init; }
    /// <summary>"producer" or "consumer".</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("replyq")] public long ReplyQueue { get; init; }
    [JsonPropertyName("msg_cnt")] public long MessageCount { get; init; }
    [JsonPropertyName("msg_size")] public long MessageSize { get; init; }
    [JsonPropertyName("tx")] public long Requests { get; init; }
    [JsonPropertyName("tx_bytes")] public long RequestBytes { get; init; }
    [JsonPropertyName("rx")] public long Responses { get; init; }
    [JsonPropertyName("rx_bytes")] public long ResponseBytes { get; init; }
    [JsonPropertyName("txmsgs")] public long MessagesProduced { get; init; }
    [JsonPropertyName("txmsg_bytes")] public long MessageBytesProduced { get; init; }
    [JsonPropertyName("rxmsgs")] public long MessagesConsumed { get; init; }
    [JsonPropertyName("rxmsg_bytes")] public long MessageBytesConsumed { get; init; }
}

[JsonSerializable(typeof(LibrdkafkaStatistics))]
internal sealed partial class LibrdkafkaStatisticsJson : JsonSerializerContext;
