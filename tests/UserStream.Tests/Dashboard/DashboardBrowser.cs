using Microsoft.Playwright;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// Debian's headless Chromium driven by Playwright, signed in to a UserStream dashboard with its
/// browser token. Reusable against any running dashboard (a test host or the full AppHost): it
/// records requests that leave the dashboard's origin and script errors, and saves screenshots.
/// Playwright's own browser download cannot work here, so Chromium must come from apt
/// (<c>apt-get install -y chromium</c>).
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _foreignRequests = [];
    private readonly List<string> _scriptErrors = [];

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page, Uri baseUrl, string screenshotDirectory)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        BaseUrl = baseUrl;
        ScreenshotDirectory = screenshotDirectory;
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && (url.Host != baseUrl.Host || url.Port != baseUrl.Port))
                lock (_foreignRequests) _foreignRequests.Add(request.Url);
        };
        page.PageError += (_, error) => { lock (_scriptErrors) _scriptErrors.Add(error); };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (_scriptErrors) _scriptErrors.Add(message.Text);
        };
    }

    public IPage Page { get; }

    public Uri BaseUrl { get; }

    public string ScreenshotDirectory { get; }

    /// <summary>Requests to any origin other than the dashboard's (a CDN, the internet): there should be none.</summary>
    public IReadOnlyList<string> ForeignRequests { get { lock (_foreignRequests) return _foreignRequests.ToList(); } }

    /// <summary>Uncaught script errors and console errors seen so far.</summary>
    public IReadOnlyList<string> ScriptErrors { get { lock (_scriptErrors) return _scriptErrors.ToList(); } }

    /// <summary>Launches Chromium and opens <c>/login?t=TOKEN</c>, which sets the cookie and lands on the dashboard.</summary>
    public static async Task<DashboardBrowser> SignInAsync(Uri baseUrl, string token, string? screenshotDirectory = null)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with 'apt-get install -y chromium'.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var directory = screenshotDirectory ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var session = new DashboardBrowser(playwright, browser, page, baseUrl, directory);
        var landed = await page.GotoAsync(new Uri(baseUrl, "/login?t=" + Uri.EscapeDataString(token)).ToString());
        if (landed is null || !landed.Ok || new Uri(page.Url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal))
        {
            await session.DisposeAsync();
            throw new InvalidOperationException($"Signing in to {baseUrl} failed: ended on {page.Url}.");
        }
        return session;
    }

    /// <summary>Opens a dashboard path; pages poll, so assert with Expect(...), which waits for their data.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        await Page.GotoAsync(new Uri(BaseUrl, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return Page;
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
