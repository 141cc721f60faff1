using OpenTelemetry.Metrics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;

namespace UserStream.Tests.Dashboard;

public sealed class OtlpMetricReceiverTests
{
    [Fact]
    public async Task Counters_gauges_and_histograms_arrive_grouped_by_service()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var meter = new Meter("Test.Pipeline." + Guid.NewGuid());
        var fetched = meter.CreateCounter<long>("userstream.users.fetched", "{user}", "Users fetched from the source");
        var latency = meter.CreateHistogram<double>("userstream.ingest_to_store.duration", "ms");
        meter.CreateObservableGauge("userstream.outbox.backlog", () => 42L, "{message}");
        using var provider = OtlpTestExport.Metrics(host, "ingestor", meter.Name);

        fetched.Add(5, new KeyValuePair<string, object?>("source", "randomuser"));
        fetched.Add(3, new KeyValuePair<string, object?>("source", "randomuser"));
        foreach (var ms in new[] { 4.0, 12.0, 30.0, 700.0 })
            latency.Record(ms);
        provider.ForceFlush();
        fetched.Add(2, new KeyValuePair<string, object?>("source", "randomuser"));
        provider.ForceFlush();

        var body = await host.Api.GetJsonAsync("/api/metrics");
        var service = Assert.Single(body.Array("services"))!;
        Assert.Equal("ingestor", service.Text("service"));
        var metrics = service.Array("metrics").ToDictionary(m => m!.Text("name"), m => m!);

        var counter = metrics["userstream.users.fetched"];
        Assert.Equal("counter", counter.Text("type"));
        Assert.Equal("cumulative", counter.Text("temporality"));
        Assert.Equal("{user}", counter.Text("unit"));
        Assert.Equal("Users fetched from the source", counter.Text("description"));
        var series = Assert.Single(counter.Array("series"));
        Assert.Equal("randomuser", series!["attributes"]!["source"]!.GetValue<string>());
        Assert.Equal([8.0, 10.0], Values(series));

        var gauge = metrics["userstream.outbox.backlog"];
        Assert.Equal("gauge", gauge.Text("type"));
        Assert.All(Values(Assert.Single(gauge.Array("series"))!), v => Assert.Equal(42.0, v));

        var histogram = metrics["userstream.ingest_to_store.duration"];
        Assert.Equal("histogram", histogram.Text("type"));
        var last = Assert.Single(histogram.Array("series"))!.Array("points").Last()!;
        Assert.Equal(4UL, last["count"]!.GetValue<ulong>());
        Assert.Equal(746.0, last["sum"]!.GetValue<double>());
        Assert.Equal(4.0, last["min"]!.GetValue<double>());
        Assert.Equal(700.0, last["max"]!.GetValue<double>());
        var buckets = last.Array("bucketCounts").Select(b => b!.GetValue<ulong>()).ToArray();
        Assert.Equal(last.Array("bounds").Count + 1, buckets.Length);
        Assert.Equal(4UL, buckets.Aggregate(0UL, (a, b) => a + b));
    }

    private static double[] Values(JsonNode series) =>
        series.Array("points").Select(p => p!["value"]!.GetValue<double>()).ToArray();
}
