using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// The real Aspire dashboard, driven in Debian's headless Chromium: signed in with the login URL the AppHost
/// printed, it lists every resource and holds a trace that crosses from the ingestor into the processor.
/// Screenshots are kept under the test output's screenshots/ folder; with UPDATE_DOC_IMAGES=1 they also
/// replace docs/images/resources.png and traces.png.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardBrowserTests(AppHostFixture appHost)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] Resources = ["postgres", "kafka", "source", "ingestor", "processor", "api"];

    [Fact]
    public async Task Signed_in_with_the_printed_token_the_dashboard_lists_every_resource_and_a_trace_spanning_ingestor_and_processor()
    {
        // The run is started inside a trace of the test's own, so the test can open exactly that trace rather
        // than hunt for it among the newest rows of the traces list (which other runs push down under load).
        var traceId = ActivityTraceId.CreateRandom();
        string run;
        using (var ingestor = appHost.Client("ingestor"))
        using (var traced = ServiceProcess.WithApiKey(new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = ingestor.BaseAddress }, appHost.ApiKey))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/runs")
            {
                Content = JsonContent.Create(new { count = Users, seed = "dashboard-" + Guid.NewGuid().ToString("N") }),
            };
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await traced.SendAsync(request);
            response.EnsureSuccessStatusCode();
            run = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }
        // The pipeline first: once every user is stored, the spans that tell of it have been recorded, and a trace
        // still missing then is the dashboard's to show, not the pipeline's to make.
        await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, run), n => n == Users,
            TimeSpan.FromMinutes(4), $"all {Users} users of run {run} stored");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout(120_000);

        await page.GotoAsync(appHost.LoginUrl.ToString());
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.WaitForFunctionAsync(
            "names => names.every(n => Array.from(document.querySelectorAll('[role=row], tr')).some(r => r.innerText.includes(n)))",
            Resources);
        await SaveAsync(page, "resources.png");

        // OTLP export is batched: reload the trace until the processor's spans have joined the ingestor's. The span
        // grid is virtualized (only rows in view are in the page) and lists the ingestor's spans first, as many as
        // its relays' batches make; so the test types "processor" into the trace's span filter, as a user would,
        // and looks for a processor row among those left.
        var baseUrl = new Uri(appHost.LoginUrl.GetLeftPart(UriPartial.Authority));
        var detail = new Uri(baseUrl, "/traces/detail/" + traceId).ToString();
        var filter = page.Locator("fluent-text-input[name=spans-search] input");
        var seen = "nothing yet";
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await page.GotoAsync(detail);
            seen = await LookForProcessorSpansAsync(page, filter);
            if (seen == Found)
                break;
            if (DateTime.UtcNow > deadline)
            {
                await SaveAsync(page, "traces-missing.png");
                throw new TimeoutException($"trace {traceId} of run {run} (all {Users} users stored): no span of both ingestor and processor within 2 minutes; last seen: {seen}");
            }
            await Task.Delay(2000);
        }
        await filter.FillAsync("");
        await SaveAsync(page, "traces.png");
    }

    private const int Users = 200;
    private const string Found = "found";

    /// <summary><see cref="Found"/> when the open trace starts at the ingestor and has a processor span, else what the page showed.</summary>
    private static async Task<string> LookForProcessorSpansAsync(IPage page, ILocator filter)
    {
        try
        {
            // Until the trace has arrived the page says it is not found, and has no filter.
            await filter.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            return "no trace: " + Shorten(await page.InnerTextAsync("body"));
        }
        var title = await page.InnerTextAsync("h1");
        if (!title.Contains("ingestor", StringComparison.Ordinal))
            return $"a trace that starts at \"{title}\", not at the ingestor";
        await filter.FillAsync("processor");
        try
        {
            await page.WaitForFunctionAsync(
                "() => Array.from(document.querySelectorAll('[role=row], tr')).some(r => r.innerText.includes('processor'))",
                null, new PageWaitForFunctionOptions { Timeout = 10_000 });
            return Found;
        }
        catch (TimeoutException)
        {
            return "no processor row after filtering: " + Shorten(await page.InnerTextAsync("body"));
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= 1500 ? oneLine : oneLine[..1500] + "…";
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(1000); // let the grid finish rendering before the picture
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable("UPDATE_DOC_IMAGES") == "1")
            File.Copy(path, Path.Combine(BuiltProjects.RepositoryRoot(), "docs", "images", name), overwrite: true);
    }
}
