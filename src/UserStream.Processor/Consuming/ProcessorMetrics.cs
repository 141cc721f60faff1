using System.Diagnostics;
using System.Diagnostics.Metrics;
using UserStream.ServiceDefaults.Metrics;

namespace UserStream.Processor.Consuming;

/// <summary>The processor's spans and pipeline metrics.</summary>
public sealed class ProcessorMetrics : IDisposable
{
    public const string Name = "UserStream.Processor";

    /// <summary>
    /// Bucket boundaries (seconds) of the ingest-to-store latency: 1 ms to 30 s, roughly 1-2.5-5 per decade,
    /// so percentiles are readable from a few milliseconds (a warm pipeline) to tens of seconds (a backlog).
    /// </summary>
    public static readonly IReadOnlyList<double> IngestToStoreBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 15, 20, 30];
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _ingestToStore;
    private readonly TrailingRate _processedRate = new();
    private long _lag;
    private long _deadLetterTopicMessages = -1;
    private volatile (string Topic, int Partition, long Lag)[] _partitionLag = [];

    /// <param name="meterFactory">The host's factory (so tests can tell this instance's measurements apart); a meter of its own when null.</param>
    public ProcessorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _processed = _meter.CreateCounter<long>("userstream.processor.processed", "{user}", "Users written to the user store");
        _deadLettered = _meter.CreateCounter<long>("userstream.processor.dead_lettered", "{message}", "Messages sent to the dead-letter topic");
        _ingestToStore = _meter.CreateHistogram<double>("userstream.pipeline.ingest_to_store_latency", "s",
            "Time from the ingestor taking a user in to the user store holding it",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = IngestToStoreBuckets });
        _meter.CreateObservableGauge("userstream.processor.processed_rate", _processedRate.PerSecond, "{user}/s",
            $"Users written to the user store per second, over the last {TrailingRate.WindowSeconds} s");
        _meter.CreateObservableGauge("userstream.processor.consumer_lag", () => Volatile.Read(ref _lag), "{message}",
            "Messages in assigned partitions not yet processed");
        _meter.CreateObservableGauge("userstream.processor.partition_lag", ObservePartitionLag, "{message}",
            "Messages not yet processed, per partition this replica owns (tags topic, partition): where the lag sits");
        _meter.CreateObservableGauge("userstream.processor.dead_letter_topic_messages", ObserveDeadLetterTopic, "{message}",
            "Messages the dead-letter topic holds (its high minus low watermarks), measured every 10 s");
    }

    private IEnumerable<Measurement<long>> ObserveDeadLetterTopic() =>
        Volatile.Read(ref _deadLetterTopicMessages) is var size and >= 0 ? [new Measurement<long>(size)] : [];

    /// <summary>The dead-letter topic's size, as last measured.</summary>
    public void DeadLetterTopicMessages(long messages) => Volatile.Write(ref _deadLetterTopicMessages, messages);

    private IEnumerable<Measurement<long>> ObservePartitionLag() =>
        _partitionLag.Select(p => new Measurement<long>(p.Lag,
            new KeyValuePair<string, object?>("topic", p.Topic), new KeyValuePair<string, object?>("partition", p.Partition)));

    public void Processed(int count)
    {
        _processed.Add(count);
        _processedRate.Add(count);
    }

    public void DeadLettered(string reason) => _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void IngestToStore(TimeSpan latency) => _ingestToStore.Record(Math.Max(0, latency.TotalSeconds));

    public void ConsumerLag(long lag) => Volatile.Write(ref _lag, lag);

    /// <summary>The lag of each partition this replica owns, and their sum as <c>consumer_lag</c>.</summary>
    public void ConsumerLag(IReadOnlyList<(string Topic, int Partition, long Lag)> partitions)
    {
        _partitionLag = [.. partitions];
        ConsumerLag(partitions.Sum(p => p.Lag));
    }

    public void Dispose() => _meter.Dispose();
}
