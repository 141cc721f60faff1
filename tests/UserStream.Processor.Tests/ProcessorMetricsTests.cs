using OpenTelemetry;
using OpenTelemetry.Metrics;
using UserStream.Processor.Consuming;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>The processor's metrics as the OpenTelemetry SDK (the one the services use) aggregates them.</summary>
public sealed class ProcessorMetricsTests
{
    /// <summary>A fresh <see cref="ProcessorMetrics"/> and what the OpenTelemetry SDK exports of it (read before disposing).</summary>
    private sealed class Exported : IDisposable
    {
        private readonly MeterProvider _provider;

        public Exported()
        {
            _provider = Sdk.CreateMeterProviderBuilder().AddMeter(ProcessorMetrics.Name).AddInMemoryExporter(Metrics).Build();
            Processor = new ProcessorMetrics();
        }

        public List<Metric> Metrics { get; } = [];
        public ProcessorMetrics Processor { get; }

        public List<Metric> Flush()
        {
            _provider.ForceFlush();
            return Metrics;
        }

        public void Dispose()
        {
            Processor.Dispose();
            _provider.Dispose();
        }
    }

    [Fact]
    public void Ingest_to_store_latency_is_bucketed_from_one_millisecond_to_thirty_seconds()
    {
        using var export = new Exported();
        export.Processor.IngestToStore(TimeSpan.FromMilliseconds(3));
        export.Processor.IngestToStore(TimeSpan.FromMilliseconds(160));
        export.Processor.IngestToStore(TimeSpan.FromSeconds(19));
        var exported = export.Flush();

        var latency = exported.First(m => m.Name == "userstream.pipeline.ingest_to_store_latency");
        var buckets = new List<(double UpperBound, long Count)>();
        foreach (ref readonly var point in latency.GetMetricPoints())
            foreach (var bucket in point.GetHistogramBuckets())
                buckets.Add((bucket.ExplicitBound, bucket.BucketCount));

        var bounds = buckets.Select(b => b.UpperBound).Where(double.IsFinite).ToList();
        Assert.Equal(ProcessorMetrics.IngestToStoreBuckets, bounds);
        Assert.Equal(0.001, bounds[0]);
        Assert.Equal(30, bounds[^1]);
        // Each value lands in a bucket of its own order of magnitude, not in one wide default bucket.
        Assert.True(buckets.Single(b => b.UpperBound == 0.005).Count >= 1);
        Assert.True(buckets.Single(b => b.UpperBound == 0.25).Count >= 1);
        Assert.True(buckets.Single(b => b.UpperBound == 20).Count >= 1);
    }

    [Fact]
    public void Lag_is_reported_per_owned_partition_with_its_topic_and_number_and_in_total()
    {
        using var export = new Exported();
        export.Processor.ConsumerLag([("users_created", 3, 120L), ("users_created", 7, 0L), ("users_created", 9, 5L)]);
        var exported = export.Flush();

        var perPartition = new Dictionary<int, long>();
        foreach (ref readonly var point in exported.First(m => m.Name == "userstream.processor.partition_lag").GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
                tags[tag.Key] = tag.Value;
            Assert.Equal("users_created", tags["topic"]);
            perPartition[Convert.ToInt32(tags["partition"])] = point.GetGaugeLastValueLong();
        }
        Assert.Equal(new Dictionary<int, long> { [3] = 120, [7] = 0, [9] = 5 }, perPartition);
        var total = exported.First(m => m.Name == "userstream.processor.consumer_lag");
        foreach (ref readonly var point in total.GetMetricPoints())
            Assert.Equal(125, point.GetGaugeLastValueLong());
    }
}
