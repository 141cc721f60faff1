using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UserStream.Ingestor.Source;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>The source client reads at most Ingestion:Source:MaxPageBytes of a page body, over real HTTP.</summary>
public sealed class SourceBodyCapTests
{
    private const int Cap = 4096;

    [Theory]
    [InlineData(true)]  // Content-Length announces the size: refused before the body is read
    [InlineData(false)] // chunked, size unknown: refused once the cap is passed
    public async Task A_body_larger_than_the_cap_fails_the_page_with_a_clear_reason(bool announceLength)
    {
        var body = Page(records: 100);
        Assert.True(body.Length > Cap);
        await using var source = await StartAsync(body, announceLength);
        using var client = SourceClientHost.Create(source.Address, Options(Cap));

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => client.Client.FetchAsync(100, "big", 1, CancellationToken.None));

        Assert.Contains($"over the {Cap}-byte cap on a page body", error.Message);
        Assert.Contains("Ingestion:Source:MaxPageBytes", error.Message);
        Assert.Contains(announceLength ? $"announced a body of {body.Length} bytes" : "sent a body", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_within_the_cap_is_read(bool announceLength)
    {
        var body = Page(records: 2);
        await using var source = await StartAsync(body, announceLength);
        using var client = SourceClientHost.Create(source.Address, Options(body.Length));

        var page = await client.Client.FetchAsync(2, "small", 1, CancellationToken.None);

        Assert.Equal(2, page.Count);
    }

    [Fact]
    public void Pages_are_capped_at_64_MiB_by_default() => Assert.Equal(64 * 1024 * 1024, new SourceClientOptions().MaxPageBytes);

    /// <summary>A randomuser-shaped page whose records are unreadable (counted, not failing): only the size matters here.</summary>
    private static byte[] Page(int records) =>
        Encoding.UTF8.GetBytes("{\"results\":[" + string.Join(',', Enumerable.Repeat("{\"gender\":\"female\",\"name\":{\"first\":\"Ada\"}}", records)) + "]}");

    private static SourceClientOptions Options(int maxPageBytes) => new()
    {
        MaxRetries = 0,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        MaxPageBytes = maxPageBytes,
    };

    private static async Task<FixedBodySource> StartAsync(byte[] body, bool announceLength)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        var app = builder.Build();
        app.MapGet("/api/", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            if (announceLength)
                context.Response.ContentLength = body.Length;
            // Written in parts and flushed, so a body without Content-Length goes out chunked.
            foreach (var part in body.Chunk(1024))
            {
                await context.Response.Body.WriteAsync(part, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        await app.StartAsync();
        return new FixedBodySource(app);
    }

    private sealed class FixedBodySource(WebApplication app) : IAsyncDisposable
    {
        public Uri Address => new(app.Urls.Single() + "/");

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
