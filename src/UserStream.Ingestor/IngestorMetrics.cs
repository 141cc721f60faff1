using System.Diagnostics;
using System.Diagnostics.Metrics;
using UserStream.ServiceDefaults.Metrics;

namespace UserStream.Ingestor;

/// <summary>The ingestor's spans and pipeline metrics.</summary>
public sealed class IngestorMetrics : IDisposable
{
    public const string Name = "UserStream.Ingestor";
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _fetched;
    private readonly Counter<long> _invalid;
    private readonly Counter<long> _published;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _publishFailed;
    private readonly Counter<long> _scheduleSkipped;
    private readonly TrailingRate _publishedRate = new();
    private long _backlog;

    /// <param name="meterFactory">The host's meter factory (so a test can tell its meter from others of the same name); none: a plain meter.</param>
    public IngestorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _fetched = _meter.CreateCounter<long>("userstream.ingestor.fetched", "{user}", "Users fetched from the source");
        _invalid = _meter.CreateCounter<long>("userstream.ingestor.invalid", "{user}", "Fetched users rejected by validation");
        _published = _meter.CreateCounter<long>("userstream.ingestor.published", "{message}", "Outbox messages acknowledged by Kafka");
        _publishFailed = _meter.CreateCounter<long>("userstream.ingestor.publish_failed", "{message}",
            "Outbox messages the broker refused for good (marked failed in the outbox)");
        // The name the backpressure issue gave it; one count per schedule slot that found the run queue full.
        _scheduleSkipped = _meter.CreateCounter<long>("ingest.schedule.skipped", "{tick}",
            "Schedule ticks skipped: Ingestion:MaxQueuedRuns runs were already queued or fetching, or the cron slot was missed while no ingestor ran (beyond Ingestion:Schedule:MaxCatchUpRuns)");
        _runs = _meter.CreateCounter<long>("userstream.ingestor.runs", "{run}", "Ingestion runs finished, by final status (completed or failed)");
        _meter.CreateObservableGauge("userstream.ingestor.published_rate", _publishedRate.PerSecond, "{message}/s",
            $"Outbox messages acknowledged by Kafka per second, over the last {TrailingRate.WindowSeconds} s");
        _meter.CreateObservableGauge("userstream.ingestor.outbox_backlog", () => Volatile.Read(ref _backlog), "{message}",
            "Outbox messages not yet published");
    }

    public void Fetched(int count) => _fetched.Add(count);
    public void Invalid(int count) => _invalid.Add(count);
    public void Published(int count)
    {
        _published.Add(count);
        _publishedRate.Add(count);
    }
    public void PublishFailed(int count)
    {
        if (count > 0)
            _publishFailed.Add(count);
    }
    public void ScheduleSkipped(long slots = 1)
    {
        if (slots > 0)
            _scheduleSkipped.Add(slots);
    }
    /// <summary>Runs reached their final status: completed (the broker has all their users) or failed.</summary>
    public void RunFinished(string status, int count = 1)
    {
        if (count > 0)
            _runs.Add(count, new KeyValuePair<string, object?>("status", status));
    }
    public void OutboxBacklog(long count) => Volatile.Write(ref _backlog, count);

    public void Dispose() => _meter.Dispose();
}
