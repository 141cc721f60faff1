using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.AppHost;

/// <summary>
/// The real Aspire dashboard, driven in Debian's headless Chromium: signed in with the login URL the AppHost
/// printed, it lists every resource and holds a trace that crosses from the ingestor into the processor.
/// Its first view raises no alarm, and a run started with a click on the ingestor's Start a run command
/// completes. Screenshots are kept under the test output's screenshots/ folder; with UPDATE_DOC_IMAGES=1 they
/// also replace those of the same name in docs/images.
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
        await using var browser = await LaunchAsync(playwright);
        var page = await SignInAsync(browser);
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

    [Fact]
    public async Task The_first_view_raises_no_alarm_and_a_click_on_Start_a_run_starts_a_run_that_completes()
    {
        // The AppHost's side of the certificate warning: Aspire logs it when a resource would use TLS and no
        // trusted development certificate exists (as on these machines), and shows the same as a red banner.
        Assert.DoesNotContain(appHost.AppHostLogs, m => m.Contains("development certificate", StringComparison.OrdinalIgnoreCase));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await SignInAsync(browser);

        // Open the ingestor's actions menu, as a user would, and show its commands (the pause and retry ones sit
        // under Commands).
        var ingestorRow = page.Locator("tr[role=row]").Filter(new LocatorFilterOptions { Has = page.Locator("td[title^='Project: ingestor']") }).First;
        await ingestorRow.Locator("fluent-button[aria-label=Actions]").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Commands", Exact = true }).HoverAsync();
        await page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Pause schedule", Exact = true }).WaitForAsync();
        await SaveAsync(page, "commands.png");
        // Consumption is paused first, so the run's users wait in Kafka and the Metrics page below has lag to show.
        var processors = appHost.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "processor");
        var paused = await appHost.App.ResourceCommands.ExecuteCommandAsync(processors, ProcessorCommandExtensions.PauseCommand);
        Assert.True(paused.Success, paused.Message);
        try
        {
            await StartRunAndSeeLagAsync(page);
        }
        finally
        {
            await appHost.App.ResourceCommands.ExecuteCommandAsync(processors, ProcessorCommandExtensions.ResumeCommand);
        }
    }

    private async Task StartRunAndSeeLagAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Start a run", Exact = true }).ClickAsync();

        // The command's dialog comes over the same stream from the AppHost as its notifications, after any
        // notification raised at start: once the dialog is here, a start-up banner would be here too.
        var dialog = page.Locator("#interactions-input-dialog");
        await dialog.Locator(".interaction-input").First.WaitForAsync(); // the element itself has no box of its own
        var banners = await page.Locator(".dashboard-message-bar").AllInnerTextsAsync();
        Assert.True(banners.Count == 0, "the first view shows a banner: " + string.Join(" | ", banners));
        Assert.DoesNotContain("certificate", await page.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);

        var seed = "clicked-" + Guid.NewGuid().ToString("N");
        await Field(page, dialog, "Users").FillAsync(ClickedUsers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field(page, dialog, "Seed").FillAsync(seed);
        await SaveAsync(page, "start-a-run.png");
        await dialog.Locator("fluent-button[appearance=primary]").ClickAsync();
        await page.GetByText("\"Start a run\" succeeded").WaitForAsync();

        using var ingestor = appHost.Client("ingestor");
        var runId = await Eventually.ReturnsAsync(() => RunIdOfSeedAsync(ingestor, seed), id => id is not null,
            TimeSpan.FromSeconds(30), $"a run with seed {seed} in the ledger");
        var run = await Eventually.ReturnsAsync(() => PipelineApi.RunAsync(ingestor, runId!),
            r => r.GetProperty("status").GetString() == "completed", TimeSpan.FromMinutes(3), $"run {runId} completed");
        Assert.Equal(ClickedUsers, run.GetProperty("published").GetInt32());

        // The run's users wait in Kafka: the Metrics page of one processor replica plots its partitions' lag. The
        // chart's y axis reads 0 to 0.8 while every point is 0, and whole numbers once one is not.
        var processor = (await appHost.ReplicasAsync("processor")).First().ResourceId;
        var baseUrl = new Uri(appHost.LoginUrl.GetLeftPart(UriPartial.Authority));
        await page.GotoAsync(new Uri(baseUrl, $"/metrics/resource/{processor}?meter=UserStream.Processor&instrument=userstream.processor.partition_lag&duration=5").ToString());
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "userstream.processor.partition_lag" }).WaitForAsync();
        await page.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('.ytick text')).some(t => /^[1-9]/.test(t.textContent.trim()))");
        await SaveAsync(page, "metrics-lag.png");

        var processors = appHost.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "processor");
        var resumed = await appHost.App.ResourceCommands.ExecuteCommandAsync(processors, ProcessorCommandExtensions.ResumeCommand);
        Assert.True(resumed.Success, resumed.Message);
        await Eventually.ReturnsAsync(() => PipelineDatabase.CountStoredAsync(appHost, runId!), n => n == ClickedUsers,
            TimeSpan.FromMinutes(3), $"the {ClickedUsers} users of run {runId} stored once consumption resumed");
    }

    private const int ClickedUsers = 20_000;

    /// <summary>The text box of the dialog's input labelled <paramref name="label"/> (inside the Fluent component).</summary>
    private static ILocator Field(IPage page, ILocator dialog, string label) =>
        dialog.Locator(".interaction-input")
            .Filter(new LocatorFilterOptions { Has = page.Locator("label", new PageLocatorOptions { HasText = label }) })
            .Locator("input");

    private static async Task<string?> RunIdOfSeedAsync(HttpClient ingestor, string seed)
    {
        var runs = await ingestor.GetFromJsonAsync<JsonElement>("/runs?trigger=api&limit=100");
        return runs.EnumerateArray().Where(r => r.GetProperty("seed").GetString() == seed)
            .Select(r => r.GetProperty("id").GetString()).FirstOrDefault();
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });

    /// <summary>Opens the printed login link and waits until the resources page lists every resource.</summary>
    private async Task<IPage> SignInAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(appHost.LoginUrl.ToString());
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.WaitForFunctionAsync(
            "names => names.every(n => Array.from(document.querySelectorAll('[role=row], tr')).some(r => r.innerText.includes(n)))",
            Resources);
        return page;
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
