using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using UserStream.Dashboard.Otlp.Wire;

namespace UserStream.Tests.Dashboard;

public sealed class OtlpCompressionTests
{
    [Fact]
    public async Task Gzip_body_is_decompressed_before_decoding()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var response = await host.Anonymous.PostAsync("/v1/traces", Gzipped(OneSpan("compressed").ToByteArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single((await host.Api.GetJsonAsync("/api/traces")).Array("traces"))!;
        Assert.Equal("compressed", line.Text("name"));
    }

    [Fact]
    public async Task Gzip_body_that_inflates_past_the_bound_is_413()
    {
        await using var host = await DashboardTestHost.StartAsync(o => o.MaxPayloadBytes = 10_000);
        // 1 MB of zeros compresses to about 1 KB: small on the wire, too large once inflated.
        using var response = await host.Anonymous.PostAsync("/v1/traces", Gzipped(new byte[1_000_000]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static TraceExportRequest OneSpan(string name) => new()
    {
        Resources =
        {
            new ResourceSpanBatch
            {
                Resource = new OtlpResource { Attributes = { new OtlpAttribute { Key = "service.name", Value = new OtlpValue { Text = "ingestor" } } } },
                Scopes = { new ScopeSpanBatch { Spans = { new WireSpan
                {
                    TraceId = ByteString.CopyFrom(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()),
                    SpanId = ByteString.CopyFrom(Enumerable.Range(1, 8).Select(i => (byte)i).ToArray()),
                    Name = name,
                    StartUnixNano = 1_700_000_000_000_000_000,
                    EndUnixNano = 1_700_000_000_005_000_000,
                } } } },
            },
        },
    };

    private static ByteArrayContent Gzipped(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(bytes);
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
