using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Retries;

/// <summary>A user source that answers <see cref="FailWith"/> to its next <see cref="Failures"/> requests, then serves the real source's pages.</summary>
internal sealed class FailingSource : IAsyncDisposable
{
    private readonly SourceServer _upstream;
    private readonly WebApplication _app;
    private int _failures;
    private int _requests;

    private FailingSource(SourceServer upstream, WebApplication app, int failures, int failWith)
    {
        _upstream = upstream;
        _app = app;
        _failures = failures;
        FailWith = failWith;
    }

    public Uri BaseAddress => new(_app.Urls.Single() + "/");
    public int FailWith { get; }
    public int Failures { get => Volatile.Read(ref _failures); set => Volatile.Write(ref _failures, value); }
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<FailingSource> StartAsync(int failures, int failWith)
    {
        var upstream = await SourceServer.StartAsync();
        var app = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] }).Build();
        var source = new FailingSource(upstream, app, failures, failWith);
        app.MapGet("/api/", (RequestDelegate)source.ServeAsync);
        await app.StartAsync();
        return source;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            context.Response.StatusCode = FailWith;
            return;
        }
        Interlocked.Exchange(ref _failures, 0);
        using var upstream = await _upstream.Client.GetAsync("api/" + context.Request.QueryString, context.RequestAborted);
        context.Response.StatusCode = (int)upstream.StatusCode;
        context.Response.ContentType = upstream.Content.Headers.ContentType?.ToString();
        await upstream.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
