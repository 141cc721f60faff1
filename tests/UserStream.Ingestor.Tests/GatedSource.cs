using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UserStream.Ingestor.Tests.Source;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// A user source that serves the real source's pages but holds every page from <see cref="HoldFromPage"/>
/// on until <see cref="Release"/>, so a test can look at a run stopped between two pages. It records
/// which pages were asked for, in order.
/// </summary>
internal sealed class GatedSource : IAsyncDisposable
{
    private readonly SourceServer _upstream;
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<int> _requestedPages = new();

    private GatedSource(SourceServer upstream, WebApplication app, int holdFromPage)
    {
        _upstream = upstream;
        _app = app;
        HoldFromPage = holdFromPage;
    }

    public int HoldFromPage { get; }
    public Uri BaseAddress => new(_app.Urls.Single() + "/");

    /// <summary>Pages asked for so far, in the order the requests arrived (retries included).</summary>
    public IReadOnlyList<int> RequestedPages => [.. _requestedPages];

    /// <summary>Completes when the first held request has arrived.</summary>
    public Task Holding => _held.Task;

    public static async Task<GatedSource> StartAsync(int holdFromPage)
    {
        var upstream = await SourceServer.StartAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        var app = builder.Build();
        var source = new GatedSource(upstream, app, holdFromPage);
        app.MapGet("/api/", (RequestDelegate)source.ServeAsync);
        await app.StartAsync();
        return source;
    }

    public void Release() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var page = int.Parse(context.Request.Query["page"].ToString() is { Length: > 0 } p ? p : "1", CultureInfo.InvariantCulture);
        _requestedPages.Enqueue(page);
        if (page >= HoldFromPage)
        {
            _held.TrySetResult();
            await _gate.Task.WaitAsync(context.RequestAborted);
        }
        using var upstream = await _upstream.Client.GetAsync("api/" + context.Request.QueryString, context.RequestAborted);
        context.Response.StatusCode = (int)upstream.StatusCode;
        context.Response.ContentType = upstream.Content.Headers.ContentType?.ToString();
        await upstream.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
