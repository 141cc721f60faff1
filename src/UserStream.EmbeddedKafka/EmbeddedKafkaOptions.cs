namespace UserStream.EmbeddedKafka;

/// <summary>Settings of the broker process, bound from <c>EmbeddedKafka</c>.</summary>
public sealed class EmbeddedKafkaOptions
{
    /// <summary>The stable bootstrap port on 127.0.0.1 that clients are given.</summary>
    public int Port { get; set; } = 9092;

    /// <summary>Brokers in the cluster.</summary>
    public int Brokers { get; set; } = 1;

    /// <summary>Topics created at start, with their partition counts (each partition keeps only about 5 MiB).</summary>
    public Dictionary<string, int> Topics { get; set; } = [];
}
