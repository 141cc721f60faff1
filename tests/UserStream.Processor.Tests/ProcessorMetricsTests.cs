using OpenTelemetry;
using OpenTelemetry.Metrics;
using UserStream.Processor.Consuming;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

/// <summary>The processor's metrics as the OpenTelemetry SDK (the one the services use) aggregates them.</summary>
public sealed class ProcessorMetricsTests
{
    [Fact]
    public void Ingest_to_store_latency_is_bucketed_from_one_millisecond_to_thirty_seconds()
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ProcessorMetrics.Name)
            .AddInMemoryExporter(exported)
            .Build();
        using var metrics = new ProcessorMetrics();

        metrics.IngestToStore(TimeSpan.FromMilliseconds(3));
        metrics.IngestToStore(TimeSpan.FromMilliseconds(160));
        metrics.IngestToStore(TimeSpan.FromSeconds(19));
        provider.ForceFlush();

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
}
