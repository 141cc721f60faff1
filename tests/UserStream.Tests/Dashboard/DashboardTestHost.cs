using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserStream.Dashboard;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// The dashboard as the AppHost hosts it (receiver, auth, pages, API) plus a fake resource API,
/// on a free 127.0.0.1 port.
/// </summary>
internal sealed class DashboardTestHost : IAsyncDisposable
{
    public const string TokenHeader = "X-UserStream-Token";

    private readonly WebApplication _app;

    private DashboardTestHost(WebApplication app, string token, FakeResourceApi resources)
    {
        _app = app;
        Token = token;
        Resources = resources;
        BaseUrl = new Uri(app.Urls.First());
        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUrl };
        Api = new HttpClient { BaseAddress = BaseUrl };
        Api.DefaultRequestHeaders.Add(TokenHeader, token);
        Api.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri BaseUrl { get; }

    public string Token { get; }

    public FakeResourceApi Resources { get; }

    /// <summary>No token, no cookies, no redirects followed.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Sends the token header on every request.</summary>
    public HttpClient Api { get; }

    public DashboardTelemetry Telemetry => _app.Services.GetRequiredService<DashboardTelemetry>();

    public static async Task<DashboardTestHost> StartAsync(Action<DashboardOptions>? configure = null)
    {
        var token = DashboardOptions.CreateToken();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddUserStreamDashboard(o =>
        {
            o.BrowserToken = token;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.UseDashboardAuth();
        app.MapOtlpReceiver();
        app.MapDashboard();
        var resources = new FakeResourceApi();
        resources.Map(app);
        await app.StartAsync();
        return new DashboardTestHost(app, token, resources);
    }

    public Uri Otlp(string signal) => new(BaseUrl, "/v1/" + signal);

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
