using OpenTelemetry.Trace;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using UserStream.Dashboard.Otlp.Wire;

namespace UserStream.Tests.Dashboard;

public sealed class OtlpReceiverRejectionTests
{
    [Fact]
    public async Task Json_content_type_is_415_with_a_clear_message()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.PostAsync("/v1/traces", new StringContent("{\"resourceSpans\":[]}", null, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-protobuf", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_protobuf_is_400_and_changes_nothing()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await ExportOneTraceAsync(host);
        var before = await host.Api.GetStringAsync("/api/traces");

        // Field 1, length-delimited, claims 100 bytes but only 2 follow.
        foreach (var signal in new[] { "traces", "logs", "metrics" })
        {
            using var response = await host.Anonymous.PostAsync("/v1/" + signal, Protobuf([0x0A, 100, 0x01, 0x02]));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, await host.Api.GetStringAsync("/api/traces"));
        Assert.Empty((await host.Api.GetJsonAsync("/api/logs")).Array("logs"));
        Assert.Empty((await host.Api.GetJsonAsync("/api/metrics")).Array("services"));
    }

    [Fact]
    public async Task A_batch_with_one_broken_span_is_400_and_stores_none_of_it()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var good = new WireSpan { TraceId = ByteString.CopyFrom(new byte[16]), SpanId = ByteString.CopyFrom(new byte[8]), Name = "good" };
        var broken = new WireSpan { TraceId = ByteString.CopyFrom(new byte[3]), SpanId = ByteString.CopyFrom(new byte[8]), Name = "broken" };
        var request = new TraceExportRequest { Resources = { new ResourceSpanBatch { Scopes = { new ScopeSpanBatch { Spans = { good, broken } } } } } };

        using var response = await host.Anonymous.PostAsync("/v1/traces", Protobuf(request.ToByteArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("trace_id", await response.Content.ReadAsStringAsync());
        Assert.Empty((await host.Api.GetJsonAsync("/api/traces")).Array("traces"));
    }

    [Fact]
    public async Task Oversized_payload_is_413_and_changes_nothing()
    {
        await using var host = await DashboardTestHost.StartAsync(o => o.MaxPayloadBytes = 4096);
        await ExportOneTraceAsync(host);
        var before = await host.Api.GetStringAsync("/api/traces");

        // From the real exporter: one span whose attribute alone passes the bound.
        var source = new ActivitySource("Test.Big." + Guid.NewGuid());
        using (var tracing = OtlpTestExport.Tracing(host, "ingestor", source.Name))
        {
            using (var big = source.StartActivity("big")!)
                big.SetTag("payload", new string('x', 10_000));
            tracing.ForceFlush();
        }
        // With a Content-Length, and streamed without one.
        using var sized = await host.Anonymous.PostAsync("/v1/traces", Protobuf(new byte[5000]));
        var chunked = new StreamContent(new MemoryStream(new byte[5000]));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var streamed = await host.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/logs")
        {
            Content = chunked,
            Headers = { TransferEncodingChunked = true },
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(before, await host.Api.GetStringAsync("/api/traces"));
        Assert.Empty((await host.Api.GetJsonAsync("/api/logs")).Array("logs"));
    }

    [Fact]
    public async Task Receiver_answers_an_empty_protobuf_response_without_a_token()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.PostAsync("/v1/metrics", Protobuf([]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task ExportOneTraceAsync(DashboardTestHost host)
    {
        var source = new ActivitySource("Test.Baseline." + Guid.NewGuid());
        using var tracing = OtlpTestExport.Tracing(host, "ingestor", source.Name);
        source.StartActivity("baseline")!.Dispose();
        tracing.ForceFlush();
        Assert.Single((await host.Api.GetJsonAsync("/api/traces")).Array("traces"));
    }

    private static ByteArrayContent Protobuf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }
}
