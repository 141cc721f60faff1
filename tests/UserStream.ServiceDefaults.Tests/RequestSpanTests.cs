using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UserStream.ServiceDefaults;
using UserStream.Testing;

namespace UserStream.ServiceDefaults.Tests;

/// <summary>Request spans of a service built with AddServiceDefaults, observed on a real Kestrel server.</summary>
public sealed class RequestSpanTests
{
    [Fact]
    public async Task Request_spans_carry_route_and_status_and_health_probes_are_not_recorded()
    {
        var ended = new ConcurrentQueue<Activity>();
        using var listener = ListenToRequestSpans(ended);
        await using var app = await StartAppAsync(app => app.MapGet("/things/{id}", (string id) => Results.Ok(id)));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        await http.GetAsync("things/42");
        var probeTrace = ActivityTraceId.CreateRandom();
        // No propagator: the probes carry our traceparent, not one of this process's own HttpClient spans.
        using var probeHttp = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = http.BaseAddress };
        foreach (var probe in new[] { "health", "alive", "metrics" })
            await probeHttp.SendAsync(WithTraceParent(new HttpRequestMessage(HttpMethod.Get, probe), probeTrace));
        await app.StopAsync();

        var thing = Assert.Single(ended, a => (a.GetTagItem("url.path") as string) == "/things/42");
        Assert.Equal("GET /things/{id}", thing.DisplayName);
        Assert.Equal("/things/{id}", thing.GetTagItem("http.route"));
        Assert.Equal(200, thing.GetTagItem("http.response.status_code"));
        Assert.True(thing.Recorded);

        // The AspNetCore instrumentation's filter clears the Recorded flag, so no exporter sees a probe.
        var probes = ended.Where(a => a.TraceId == probeTrace).ToList();
        Assert.Equal(3, probes.Count);
        Assert.All(probes, probe => Assert.False(probe.Recorded));
    }

    [Fact]
    public async Task The_span_of_a_group_root_route_is_named_without_a_trailing_slash()
    {
        var ended = new ConcurrentQueue<Activity>();
        using var listener = ListenToRequestSpans(ended);
        await using var app = await StartAppAsync(app =>
        {
            var runs = app.MapGroup("/runs");
            runs.MapGet("/", () => Results.Ok());
            runs.MapGet("/{id}", (string id) => Results.Ok(id));
            app.MapGet("/", () => Results.Ok());
        });
        // Other tests serve requests in this process at the same time: tell ours apart by a trace of our own.
        var trace = ActivityTraceId.CreateRandom();
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(app.Urls.Single()) };

        foreach (var path in new[] { "runs", "runs/7", "" })
            await http.SendAsync(WithTraceParent(new HttpRequestMessage(HttpMethod.Get, path), trace));
        await app.StopAsync();

        var names = ended.Where(a => a.TraceId == trace && a.Recorded).Select(a => a.DisplayName).Order().ToList();
        Assert.Equal(["GET /", "GET /runs", "GET /runs/{id}"], names);
    }

    private static ActivityListener ListenToRequestSpans(ConcurrentQueue<Activity> ended)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = ended.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static async Task<WebApplication> StartAppAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static HttpRequestMessage WithTraceParent(HttpRequestMessage request, ActivityTraceId trace)
    {
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }
}
