using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using UserStream.ServiceDefaults;

namespace UserStream.Tests.ServiceDefaults;

/// <summary>Request spans of a service built with AddServiceDefaults, observed on a real Kestrel server.</summary>
public sealed class RequestSpanTests
{
    [Fact]
    public async Task Request_spans_carry_route_and_status_and_health_probes_are_not_recorded()
    {
        var ended = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = ended.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/things/{id}", (string id) => Results.Ok(id));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        await http.GetAsync("things/42");
        await http.GetAsync("health");
        await app.StopAsync();

        var thing = Assert.Single(ended, a => (a.GetTagItem("url.path") as string) == "/things/42");
        Assert.Equal("GET /things/{id}", thing.DisplayName);
        Assert.Equal("/things/{id}", thing.GetTagItem("http.route"));
        Assert.Equal(200, thing.GetTagItem("http.response.status_code"));
        Assert.True(thing.Recorded);

        // The filter runs in the OpenTelemetry pipeline that AddServiceDefaults built; its verdict is the Recorded flag.
        var health = Assert.Single(ended, a => (a.GetTagItem("url.path") as string) == "/health");
        Assert.False(health.Recorded);
    }
}
