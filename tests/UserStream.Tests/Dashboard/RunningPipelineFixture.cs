using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Hosting;
using UserStream.Tests.AppHost;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// The real AppHost (no configuration: local PostgreSQL, embedded Kafka) on free ports with a known
/// dashboard token, started once for a test class and ready when users reach the Api; with an API
/// client carrying the token and a signed-in headless Chromium.
/// </summary>
public sealed class RunningPipelineFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromMinutes(3);

    private AppHostProcess? _appHost;

    public string Token { get; } = Guid.NewGuid().ToString("N");

    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The dashboard's JSON API, sending <c>X-UserStream-Token</c>.</summary>
    public HttpClient Api { get; private set; } = null!;

    public DashboardBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ports = new Dictionary<string, int>
        {
            ["dashboard"] = FreePort.Next(), ["otlp"] = FreePort.Next(), ["api"] = FreePort.Next(),
            ["ingestor"] = FreePort.Next(), ["source"] = FreePort.Next(), ["processor"] = FreePort.Next(),
        };
        DashboardUrl = new Uri($"http://127.0.0.1:{ports["dashboard"]}");
        Api = new HttpClient { BaseAddress = DashboardUrl, Timeout = TimeSpan.FromSeconds(10) };
        Api.DefaultRequestHeaders.Add("X-UserStream-Token", Token);
        _appHost = AppHostProcess.Start(ports.Select(p => $"--Ports:{p.Key}={p.Value}").Append($"--Dashboard:Token={Token}"));

        using var users = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await EventuallyAsync("users reach the Api", StartBudget, async () =>
        {
            var page = await users.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{ports["api"]}/users?limit=10");
            return page.GetProperty("items").GetArrayLength() > 0;
        });
        Browser = await DashboardBrowser.SignInAsync(DashboardUrl, Token,
            Path.Combine(AppContext.BaseDirectory, "screenshots", "running-pipeline"));
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with the AppHost's last output otherwise.</summary>
    public Task EventuallyAsync(string what, TimeSpan budget, Func<Task<bool>> condition) =>
        _appHost!.EventuallyAsync(what, budget, condition);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        Api?.Dispose();
        if (_appHost is not null)
        {
            // SIGTERM first so the AppHost removes its PostgreSQL directory; Dispose kills whatever is left.
            if (!_appHost.HasExited)
            {
                _appHost.SendTerminate();
                using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                try { await _appHost.WaitForExitAsync(exit.Token); }
                catch (OperationCanceledException) { }
            }
            _appHost.Dispose();
        }
    }
}
