using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace UserStream.Tests.Dashboard;

/// <summary>One dashboard, fed with pipeline-shaped telemetry, opened in real headless Chromium.</summary>
public sealed class DashboardBrowserFixture : IAsyncLifetime
{
    internal DashboardTestHost Host { get; private set; } = null!;
    public DashboardBrowser Browser { get; private set; } = null!;
    public string TraceId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await DashboardTestHost.StartAsync();
        TraceId = await PipelineTelemetrySample.SendAsync(Host);
        Browser = await DashboardBrowser.SignInAsync(Host.BaseUrl, Host.Token,
            Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard"));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        if (Host is not null)
            await Host.DisposeAsync();
    }
}

public sealed class DashboardPagesBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    private DashboardBrowser Browser => fixture.Browser;

    [Fact]
    public async Task Resources_page_shows_state_mode_endpoints_restarts_and_masked_environment()
    {
        var page = await Browser.OpenAsync("/resources");
        var ingestor = page.Locator("tr[data-resource=ingestor]");
        await Expect(ingestor).ToContainTextAsync("running");
        await Expect(ingestor).ToContainTextAsync("local");
        await Expect(ingestor).ToContainTextAsync("http://127.0.0.1:5081");
        await Expect(ingestor.Locator("td.num").First).ToHaveTextAsync("2");
        await Expect(page.Locator("tr[data-resource=kafka]")).ToContainTextAsync("failed");
        await Expect(page.Locator("tr[data-resource=kafka]")).ToContainTextAsync("external");
        await Expect(page.Locator("tr[data-resource=kafka]")).ToContainTextAsync("refused the connection");
        await Expect(ingestor.Locator("a", new() { HasText = "Console logs" })).ToHaveAttributeAsync("href", "/console/ingestor");

        await ingestor.GetByRole(AriaRole.Button).ClickAsync();
        var environment = page.Locator("tr.details");
        await Expect(environment).ToContainTextAsync("ConnectionStrings__postgres");
        await Expect(environment).ToContainTextAsync("Password=****");
        await Browser.ScreenshotAsync("1-resources");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Console_page_shows_the_resources_recent_lines()
    {
        var page = await Browser.OpenAsync("/console/ingestor");
        await Expect(page.Locator("#console")).ToContainTextAsync("Run 7 fetched 50 users");
        await Expect(page.Locator("#resource")).ToHaveValueAsync("ingestor");
        await page.Locator("#resource").SelectOptionAsync("postgres");
        await Expect(page.Locator("#console")).ToContainTextAsync("ready to accept connections");
        await Expect(page.Locator("#console .line.stderr")).ToContainTextAsync("relation \"runs\" does not exist");
        await Browser.ScreenshotAsync("2-console");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Structured_logs_page_filters_by_level_and_links_to_the_trace()
    {
        var page = await Browser.OpenAsync("/logs");
        var rows = page.Locator("#logs tbody tr:not(.details)");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(page.Locator("#logs")).ToContainTextAsync("Upsert of user 4f1c-77 failed: write timed out");
        var failed = rows.Filter(new() { HasText = "Upsert of user" });
        await Expect(failed.Locator("a", new() { HasText = "View trace" })).ToHaveAttributeAsync("href", "/traces/" + fixture.TraceId);
        await Browser.ScreenshotAsync("3-structured-logs");

        await page.Locator("#level").SelectOptionAsync("warning");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#logs")).Not.ToContainTextAsync("Outbox relay idle");
        await page.Locator("#level").SelectOptionAsync("");
        await page.Locator("#resource").SelectOptionAsync("ingestor");
        await Expect(rows).ToHaveCountAsync(2);
        await page.Locator("#text").FillAsync("fetched");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Run 7 fetched 50 users");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Traces_page_lists_the_cross_service_trace_and_draws_its_waterfall()
    {
        var page = await Browser.OpenAsync("/traces");
        var line = page.Locator($"tr[data-trace='{fixture.TraceId}']");
        await Expect(line).ToContainTextAsync("ingestion run");
        await Expect(line).ToContainTextAsync("ingestor");
        await Expect(line).ToContainTextAsync("processor");
        await Expect(line).ToContainTextAsync("Error");
        await Expect(line.Locator("td.num")).ToHaveTextAsync("5");
        await Browser.ScreenshotAsync("4-traces");

        await line.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/traces/" + fixture.TraceId);
        var spans = page.Locator("#waterfall .wf-row[data-span]");
        await Expect(spans).ToHaveCountAsync(5);
        await Expect(spans.First).ToContainTextAsync("ingestion run");
        var ingestorColour = await BarColour(page, "ingestor");
        var processorColour = await BarColour(page, "processor");
        Assert.NotEqual(ingestorColour, processorColour);

        await spans.Filter(new() { HasText = PipelineTelemetrySample.FailedSpanName }).ClickAsync();
        var details = page.Locator("#span-details");
        await Expect(details).ToContainTextAsync("processor");
        await Expect(details).ToContainTextAsync("write timed out");
        await Expect(details).ToContainTextAsync("db.system");
        await Expect(details).ToContainTextAsync("cassandra");
        await Expect(page.Locator(".wf-bar.error")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync("5-trace-waterfall");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Metrics_page_charts_the_pipeline_meters_grouped_by_service()
    {
        var page = await Browser.OpenAsync("/metrics");
        var ingestor = page.Locator("[data-service=ingestor]");
        var processor = page.Locator("[data-service=processor]");
        await Expect(ingestor.Locator("[data-metric='userstream.users.fetched'] svg path")).Not.ToHaveCountAsync(0);
        await Expect(ingestor.Locator("[data-metric='userstream.users.fetched'] .headline")).ToContainTextAsync("260");
        await Expect(ingestor.Locator("[data-metric='userstream.outbox.backlog'] .headline")).ToContainTextAsync("12");
        await Expect(processor.Locator("[data-metric='userstream.consumer.lag'] .headline")).ToContainTextAsync("30");
        await Expect(processor.Locator("[data-metric='userstream.users.dead_lettered']")).ToContainTextAsync("counter");
        var histogram = processor.Locator("[data-metric='userstream.ingest_to_store.duration']");
        await Expect(histogram.Locator(".headline")).ToContainTextAsync("240");
        await Expect(histogram.Locator("svg rect")).Not.ToHaveCountAsync(0);
        await Expect(histogram.Locator(".stats")).ToContainTextAsync("p95");
        await Browser.ScreenshotAsync("6-metrics");
        AssertNothingForeignAndNoScriptErrors();
    }

    [Fact]
    public async Task Signed_out_browser_is_sent_to_the_login_page()
    {
        var context = await Browser.Page.Context.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Host.BaseUrl, "/traces").ToString());
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("form")).ToContainTextAsync("Token");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "0-login.png") });
        await page.Locator("#t").FillAsync(fixture.Host.Token);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/traces");
        await Expect(page.Locator("#traces")).ToContainTextAsync("ingestion run");
        await context.CloseAsync();
    }

    private static Task<string> BarColour(IPage page, string service) =>
        page.Locator($"#waterfall .wf-row[data-service={service}] .wf-bar").First
            .EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    private void AssertNothingForeignAndNoScriptErrors()
    {
        Assert.Empty(Browser.ForeignRequests);
        Assert.Empty(Browser.ScriptErrors);
    }
}
