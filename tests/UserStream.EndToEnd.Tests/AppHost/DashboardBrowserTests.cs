using System.Diagnostics;
using System.Net.Http.Json;
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
        using (var ingestor = appHost.Client("ingestor"))
        using (var traced = ServiceProcess.WithApiKey(new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = ingestor.BaseAddress }, appHost.ApiKey))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/runs")
            {
                Content = JsonContent.Create(new { count = 200, seed = "dashboard-" + Guid.NewGuid().ToString("N") }),
            };
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            (await traced.SendAsync(request)).EnsureSuccessStatusCode();
        }

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

        var baseUrl = new Uri(appHost.LoginUrl.GetLeftPart(UriPartial.Authority));
        // OTLP export is batched: reload the trace until the processor's spans have joined the ingestor's.
        var detail = new Uri(baseUrl, "/traces/detail/" + traceId).ToString();
        await EventuallyAsync(async () =>
        {
            await page.GotoAsync(detail);
            var text = await page.InnerTextAsync("body");
            return text.Contains("ingestor", StringComparison.Ordinal) && text.Contains("processor", StringComparison.Ordinal) ? "found" : null;
        });
        await SaveAsync(page, "traces.png");
    }

    private static async Task<string?> EventuallyAsync(Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("no trace with spans of both ingestor and processor within 2 minutes");
            await Task.Delay(2000);
        }
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
