using OpenTelemetry.Trace;
using System.Diagnostics;

namespace UserStream.Tests.Dashboard;

public sealed class OtlpTraceReceiverTests
{
    [Fact]
    public async Task Spans_from_two_services_form_one_trace_with_parent_links()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var ingestorSource = new ActivitySource("Test.Ingestor." + Guid.NewGuid());
        var processorSource = new ActivitySource("Test.Processor." + Guid.NewGuid());
        using var ingestor = OtlpTestExport.Tracing(host, "ingestor", ingestorSource.Name);
        using var processor = OtlpTestExport.Tracing(host, "processor", processorSource.Name);

        string traceId, rootId;
        using (var run = ingestorSource.StartActivity("ingest run", ActivityKind.Internal)!)
        {
            run.SetTag("run.id", 7);
            traceId = run.TraceId.ToHexString();
            rootId = run.SpanId.ToHexString();
            using (var publish = ingestorSource.StartActivity("users_created publish", ActivityKind.Producer)!)
            {
                // The processor continues the trace from the message headers, as over Kafka.
                using var consume = processorSource.StartActivity("users_created process", ActivityKind.Consumer, publish.Context)!;
                consume.SetTag("messaging.destination.name", "users_created");
                consume.SetStatus(ActivityStatusCode.Error, "store unavailable");
            }
        }
        ingestor.ForceFlush();
        processor.ForceFlush();

        var list = await host.Api.GetJsonAsync("/api/traces");
        var line = Assert.Single(list.Array("traces"))!;
        Assert.Equal(traceId, line.Text("traceId"));
        Assert.Equal("ingest run", line.Text("name"));
        Assert.Equal(3, line["spanCount"]!.GetValue<int>());
        Assert.True(line["hasError"]!.GetValue<bool>());
        Assert.Equal(["ingestor", "processor"], line.Array("services").Select(s => s!.GetValue<string>()).Order());

        var trace = await host.Api.GetJsonAsync("/api/traces/" + traceId);
        var spans = trace.Array("spans").ToDictionary(s => s!.Text("name"), s => s!);
        Assert.Equal(rootId, spans["ingest run"].Text("spanId"));
        Assert.Null(spans["ingest run"]["parentSpanId"]);
        Assert.Equal("7", spans["ingest run"]["attributes"]!["run.id"]!.GetValue<string>());
        Assert.Equal(rootId, spans["users_created publish"].Text("parentSpanId"));
        Assert.Equal(spans["users_created publish"].Text("spanId"), spans["users_created process"].Text("parentSpanId"));
        Assert.Equal("processor", spans["users_created process"].Text("serviceName"));
        Assert.Equal("ingestor", spans["users_created publish"].Text("serviceName"));
        Assert.Equal("consumer", spans["users_created process"].Text("kind"));
        Assert.Equal("error", spans["users_created process"].Text("status"));
        Assert.Equal("store unavailable", spans["users_created process"].Text("statusMessage"));
        Assert.Equal("users_created", spans["users_created process"]["attributes"]!["messaging.destination.name"]!.GetValue<string>());
        Assert.All(spans.Values, s => Assert.True(s["durationMs"]!.GetValue<double>() >= 0));
    }

    [Fact]
    public async Task Trace_list_filters_by_service_and_honours_the_limit()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var ingestorSource = new ActivitySource("Test.Ingestor." + Guid.NewGuid());
        var apiSource = new ActivitySource("Test.Api." + Guid.NewGuid());
        using var ingestor = OtlpTestExport.Tracing(host, "ingestor", ingestorSource.Name);
        using var api = OtlpTestExport.Tracing(host, "api", apiSource.Name);
        for (var i = 0; i < 3; i++)
            ingestorSource.StartActivity("run " + i)!.Dispose();
        apiSource.StartActivity("GET /users")!.Dispose();
        ingestor.ForceFlush();
        api.ForceFlush();

        var onlyApi = await host.Api.GetJsonAsync("/api/traces?service=api");
        Assert.Equal(["GET /users"], onlyApi.Array("traces").Select(t => t!.Text("name")));
        var limited = await host.Api.GetJsonAsync("/api/traces?limit=2");
        Assert.Equal(2, limited.Array("traces").Count);
        var all = await host.Api.GetJsonAsync("/api/traces");
        Assert.Equal(4, all.Array("traces").Count);
    }

    [Fact]
    public async Task Unknown_trace_is_404()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Api.GetAsync("/api/traces/0123456789abcdef0123456789abcdef");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
