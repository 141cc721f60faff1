using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using UserStream.ServiceDefaults;
using UserStream.Source.Api;
using UserStream.Source.Extensions;

namespace UserStream.Testing;

/// <summary>
/// The source service composed as its Program.cs does, listening on a free 127.0.0.1 port
/// (Microsoft.AspNetCore.Mvc.Testing is not served here, so this is a real Kestrel server).
/// </summary>
public sealed class SourceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SourceServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>The running source's services (its <c>FailureInjector</c> counts the attempts it saw).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<SourceServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0"],
            ApplicationName = typeof(RandomUserApi).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddRandomUserSource();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapRandomUserApi();
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        return new SourceServer(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
