using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// The dashboard of the real running pipeline (the AppHost with all its services), read through its
/// JSON API and in headless Chromium: a trace runs from the ingestor through Kafka into the processor,
/// and the pipeline's own meters and logs arrive. Telemetry is exported in batches every few seconds,
/// so every check polls with a generous deadline.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RunningPipelineDashboardTests(RunningPipelineFixture pipeline) : IClassFixture<RunningPipelineFixture>
{
    private static readonly TimeSpan TelemetryBudget = TimeSpan.FromMinutes(2);

    private DashboardBrowser Browser => pipeline.Browser;

    [Fact]
    public async Task Api_lists_a_trace_joining_ingestor_and_processor_with_parent_links_through_kafka()
    {
        var traceId = await CrossServiceTraceIdAsync();
        var spans = (await pipeline.Api.GetJsonAsync($"/api/traces/{traceId}")).Array("spans");

        var run = Single(spans, "ingestor", "ingestion run");
        var publish = Single(spans, "ingestor", "users_created publish", parent: run);
        var process = Single(spans, "processor", "users_created process", parent: publish);
        Single(spans, "processor", "user store upsert", parent: process);
        Assert.Equal("consumer", process.Text("kind"), ignoreCase: true);
        Assert.Equal("producer", publish.Text("kind"), ignoreCase: true);
    }

    [Fact]
    public async Task Api_lists_the_ingestor_and_processor_meters()
    {
        await pipeline.EventuallyAsync("userstream.ingestor.fetched and userstream.processor.processed in /api/metrics", TelemetryBudget, async () =>
        {
            var services = (await pipeline.Api.GetJsonAsync("/api/metrics")).Array("services");
            return HasMetric(services, "ingestor", "userstream.ingestor.fetched")
                && HasMetric(services, "processor", "userstream.processor.processed");
        });
    }

    [Fact]
    public async Task Api_returns_the_processors_structured_logs()
    {
        await pipeline.EventuallyAsync("structured logs of the processor", TelemetryBudget, async () =>
        {
            var logs = (await pipeline.Api.GetJsonAsync("/api/logs?resource=processor")).Array("logs");
            return logs.Count > 0 && logs.All(l => l!.Text("resource") == "processor");
        });
    }

    [Fact]
    public async Task Resources_page_shows_the_pipelines_services_healthy()
    {
        var page = await Browser.OpenAsync("/resources");
        foreach (var service in new[] { "source", "ingestor", "processor", "api" })
            await Expect(page.Locator($"tr[data-resource={service}]")).ToContainTextAsync("healthy");
        await Expect(page.Locator("tr[data-resource=postgres]")).ToContainTextAsync("local");
        await Expect(page.Locator("tr[data-resource=ingestor] a", new() { HasText = "Console logs" })).ToHaveAttributeAsync("href", "/console/ingestor");
        await Browser.ScreenshotAsync("1-resources");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Console_page_shows_the_processors_output()
    {
        var page = await Browser.OpenAsync("/console/processor");
        await Expect(page.Locator("#resource")).ToHaveValueAsync("processor");
        await Expect(page.Locator("#console .line:not(.muted)")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#line-count")).Not.ToHaveTextAsync("0 lines");
        await Browser.ScreenshotAsync("2-console");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Structured_logs_page_shows_the_processors_records()
    {
        await Api_returns_the_processors_structured_logs();
        var page = await Browser.OpenAsync("/logs");
        await page.Locator("#resource").SelectOptionAsync("processor");
        var rows = page.Locator("#logs tbody tr:not(.details)");
        await Expect(rows).Not.ToHaveCountAsync(0);
        await Expect(rows.First).ToContainTextAsync("processor");
        await Expect(page.Locator("#logs tbody")).Not.ToContainTextAsync("ingestor");
        await Browser.ScreenshotAsync("3-structured-logs");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Traces_page_lists_the_cross_service_trace_and_draws_both_services_in_its_waterfall()
    {
        var traceId = await CrossServiceTraceIdAsync();
        var page = await Browser.OpenAsync("/traces");
        var line = page.Locator($"tr[data-trace='{traceId}']");
        await Expect(line).ToContainTextAsync("ingestor");
        await Expect(line).ToContainTextAsync("processor");
        await Browser.ScreenshotAsync("4-traces");

        await line.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync("**/traces/" + traceId);
        var waterfall = page.Locator("#waterfall");
        await Expect(waterfall.Locator(".wf-row[data-service=ingestor]").Filter(new() { HasText = "users_created publish" })).Not.ToHaveCountAsync(0);
        await Expect(waterfall.Locator(".wf-row[data-service=processor]").Filter(new() { HasText = "users_created process" })).Not.ToHaveCountAsync(0);
        await Expect(waterfall.Locator(".wf-row[data-service=processor]").Filter(new() { HasText = "user store upsert" })).Not.ToHaveCountAsync(0);
        Assert.NotEqual(await BarColour(page, "ingestor"), await BarColour(page, "processor"));

        await waterfall.Locator(".wf-row[data-service=processor]").Filter(new() { HasText = "users_created process" }).First.ClickAsync();
        await Expect(page.Locator("#span-details")).ToContainTextAsync("messaging.system");
        await Expect(page.Locator("#span-details")).ToContainTextAsync("kafka");
        await Browser.ScreenshotAsync("5-trace-waterfall");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Metrics_page_charts_the_ingestor_and_processor_counters()
    {
        // A counter is charted as a rate between successive cumulative points, and a line needs two rates:
        // three exported points.
        await pipeline.EventuallyAsync("three points of each counter in /api/metrics", TelemetryBudget, async () =>
        {
            var services = (await pipeline.Api.GetJsonAsync("/api/metrics")).Array("services");
            return HasMetric(services, "ingestor", "userstream.ingestor.fetched", minPoints: 3)
                && HasMetric(services, "processor", "userstream.processor.processed", minPoints: 3);
        });
        var page = await Browser.OpenAsync("/metrics");
        var fetched = page.Locator("[data-service=ingestor] [data-metric='userstream.ingestor.fetched']");
        var processed = page.Locator("[data-service=processor] [data-metric='userstream.processor.processed']");
        await Expect(fetched).ToContainTextAsync("counter");
        await Expect(processed).ToContainTextAsync("counter");
        // The page polls every few seconds; allow it a few refreshes.
        await Expect(fetched.Locator("svg path")).Not.ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(processed.Locator("svg path")).Not.ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(fetched.Locator(".headline")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*0\b"));
        await Browser.ScreenshotAsync("6-metrics");
        AssertNothingForeignAndNoScriptErrors();
    }

    /// <summary>Waits for a kept trace with spans of both services and all four pipeline spans in it.</summary>
    private async Task<string> CrossServiceTraceIdAsync()
    {
        string? found = null;
        await pipeline.EventuallyAsync("a trace with ingestion run, users_created publish, users_created process and user store upsert",
            TelemetryBudget, async () =>
            {
                var traces = (await pipeline.Api.GetJsonAsync("/api/traces?limit=500")).Array("traces");
                foreach (var trace in traces.Where(t => Services(t!).Contains("ingestor") && Services(t!).Contains("processor")))
                {
                    var id = trace!.Text("traceId");
                    var names = (await pipeline.Api.GetJsonAsync($"/api/traces/{id}")).Array("spans").Select(s => s!.Text("name")).ToHashSet();
                    if (names.IsSupersetOf(["ingestion run", "users_created publish", "users_created process", "user store upsert"]))
                    {
                        found = id;
                        return true;
                    }
                }
                return false;
            });
        return found!;
    }

    private static HashSet<string> Services(JsonNode trace) => trace.Array("services").Select(s => s!.GetValue<string>()).ToHashSet();

    /// <summary>The span of that service and name (whose parent is <paramref name="parent"/>, if given).</summary>
    private static JsonNode Single(JsonArray spans, string service, string name, JsonNode? parent = null)
    {
        var matches = spans.Select(s => s!).Where(s => s.Text("serviceName") == service && s.Text("name") == name).ToList();
        Assert.True(matches.Count > 0, $"no {service} span '{name}' in the trace");
        if (parent is null)
            return matches[0];
        var child = matches.FirstOrDefault(s => s["parentSpanId"]?.GetValue<string>() == parent.Text("spanId"));
        Assert.True(child is not null,
            $"no {service} span '{name}' is a child of '{parent.Text("name")}' ({parent.Text("spanId")}); parents: "
            + string.Join(", ", matches.Select(s => s["parentSpanId"]?.ToString() ?? "none")));
        return child!;
    }

    private static bool HasMetric(JsonArray services, string service, string metric, int minPoints = 1) =>
        services.Select(s => s!).Any(s => s.Text("service") == service && s.Array("metrics").Select(m => m!)
            .Any(m => m.Text("name") == metric && m.Array("series").Any(series => series!.Array("points").Count >= minPoints)));

    private static Task<string> BarColour(IPage page, string service) =>
        page.Locator($"#waterfall .wf-row[data-service={service}] .wf-bar").First
            .EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    private void AssertNothingForeignAndNoScriptErrors()
    {
        Assert.Empty(Browser.ForeignRequests);
        Assert.Empty(Browser.ScriptErrors);
    }
}
