using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace UserStream.Tests.Dashboard;

public sealed class TelemetryLimitTests
{
    [Fact]
    public async Task Span_limit_drops_the_oldest_and_counts_them()
    {
        await using var host = await DashboardTestHost.StartAsync(o => o.MaxSpans = 3);
        var source = new ActivitySource("Test.Limit." + Guid.NewGuid());
        using var tracing = OtlpTestExport.Tracing(host, "ingestor", source.Name);
        for (var i = 1; i <= 5; i++)
        {
            source.StartActivity("run " + i)!.Dispose();
            tracing.ForceFlush(); // one export per span, so arrival order is run order
        }

        var body = await host.Api.GetJsonAsync("/api/traces");
        Assert.Equal(["run 5", "run 4", "run 3"], body.Array("traces").Select(t => t!.Text("name")));
        Assert.Equal(2, body["droppedSpans"]!.GetValue<long>());
    }

    [Fact]
    public async Task Log_limit_drops_the_oldest_and_counts_them()
    {
        await using var host = await DashboardTestHost.StartAsync(o => o.MaxLogRecords = 2);
        using (var factory = OtlpTestExport.Logging(host, "processor"))
        {
            var logger = factory.CreateLogger("Consumer");
            for (var i = 1; i <= 5; i++)
                logger.LogInformation("message {Number}", i);
        }

        var body = await host.Api.GetJsonAsync("/api/logs");
        Assert.Equal(["message 5", "message 4"], body.Array("logs").Select(l => l!.Text("message")));
        Assert.Equal(3, body["droppedRecords"]!.GetValue<long>());
    }

    [Fact]
    public async Task Metric_series_keep_their_newest_points_and_count_the_rest()
    {
        await using var host = await DashboardTestHost.StartAsync(o => o.MaxPointsPerSeries = 2);
        using var meter = new Meter("Test.Limit." + Guid.NewGuid());
        var processed = meter.CreateCounter<long>("userstream.users.processed");
        using var metrics = OtlpTestExport.Metrics(host, "processor", meter.Name);
        for (var i = 1; i <= 4; i++)
        {
            processed.Add(1);
            metrics.ForceFlush();
        }

        var body = await host.Api.GetJsonAsync("/api/metrics");
        var series = body.Array("services")[0]!.Array("metrics")[0]!.Array("series")[0]!;
        Assert.Equal([3.0, 4.0], series.Array("points").Select(p => p!["value"]!.GetValue<double>()));
        Assert.Equal(2, body["droppedPoints"]!.GetValue<long>());
    }

    [Fact]
    public async Task Metric_series_bound_drops_the_oldest_series_and_counts_its_points()
    {
        await using var host = await DashboardTestHost.StartAsync(o => o.MaxMetricSeries = 2);
        using var meter = new Meter("Test.Series." + Guid.NewGuid());
        var deadLettered = meter.CreateCounter<long>("userstream.users.dead_lettered");
        using var metrics = OtlpTestExport.Metrics(host, "processor", meter.Name);
        foreach (var reason in new[] { "bad_email", "bad_schema", "too_old" })
        {
            deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));
            metrics.ForceFlush(); // each flush also re-exports the earlier series (cumulative)
        }

        var body = await host.Api.GetJsonAsync("/api/metrics");
        var series = body.Array("services")[0]!.Array("metrics")[0]!.Array("series");
        var kept = series.Select(s => s!["attributes"]!["reason"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["bad_schema", "too_old"], kept);
        Assert.Equal(2, body["seriesCount"]!.GetValue<int>());
        Assert.Equal(3, body["droppedPoints"]!.GetValue<long>()); // bad_email's point from each of the three exports
    }
}
