using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace UserStream.Tests.Dashboard;

public sealed class OtlpLogReceiverTests
{
    [Fact]
    public async Task Logs_keep_service_category_level_message_and_trace()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var source = new ActivitySource("Test.Logs." + Guid.NewGuid());
        using var listener = ListenTo(source);
        string traceId;
        using (var factory = OtlpTestExport.Logging(host, "processor"))
        {
            var logger = factory.CreateLogger("UserStream.Processor.UserConsumer");
            using (var activity = source.StartActivity("process")!)
            {
                traceId = activity.TraceId.ToHexString();
                logger.LogWarning("User {UserId} rejected to the DLQ: {Reason}", "u-17", "missing email");
            }
            logger.LogInformation("Consumer joined group {Group}", "processor");
        }

        var logs = (await host.Api.GetJsonAsync("/api/logs")).Array("logs");
        Assert.Equal(2, logs.Count);
        var newest = logs[0]!;
        Assert.Equal("Consumer joined group processor", newest.Text("message"));
        Assert.Equal("Information", newest.Text("level"));
        Assert.Null(newest["traceId"]);
        var warning = logs[1]!;
        Assert.Equal("User u-17 rejected to the DLQ: missing email", warning.Text("message"));
        Assert.Equal("Warning", warning.Text("level"));
        Assert.Equal("processor", warning.Text("resource"));
        Assert.Equal("UserStream.Processor.UserConsumer", warning.Text("category"));
        Assert.Equal(traceId, warning.Text("traceId"));
        Assert.Equal("u-17", warning["attributes"]!["UserId"]!.GetValue<string>());
        var inTrace = (await host.Api.GetJsonAsync("/api/logs?traceId=" + traceId)).Array("logs");
        Assert.Equal([warning.Text("message")], inTrace.Select(l => l!.Text("message")));
    }

    [Fact]
    public async Task Logs_filter_by_resource_minimum_level_and_text()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using (var ingestor = OtlpTestExport.Logging(host, "ingestor"))
        using (var processor = OtlpTestExport.Logging(host, "processor"))
        {
            ingestor.CreateLogger("Runs").LogDebug("fetching page 1");
            ingestor.CreateLogger("Runs").LogError("source answered 503");
            processor.CreateLogger("Consumer").LogInformation("stored user u-1");
            processor.CreateLogger("Consumer").LogCritical("store unreachable");
        }

        async Task<string[]> Messages(string query) =>
            (await host.Api.GetJsonAsync("/api/logs" + query)).Array("logs").Select(l => l!.Text("message")).ToArray();

        Assert.Equal(["source answered 503", "fetching page 1"], await Messages("?resource=ingestor"));
        Assert.Equal(["store unreachable", "source answered 503"], await Messages("?level=error"));
        Assert.Equal(["store unreachable"], await Messages("?resource=processor&level=warning"));
        Assert.Equal(["stored user u-1"], await Messages("?text=USER%20U-1"));
        Assert.Equal(["stored user u-1"], await Messages("?text=u-1&limit=1"));
        using var badLevel = await host.Api.GetAsync("/api/logs?level=loud");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badLevel.StatusCode);
    }

    private static ActivityListener ListenTo(ActivitySource source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
