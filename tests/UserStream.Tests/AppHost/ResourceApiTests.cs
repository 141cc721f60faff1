using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;
using UserStream.AppHost.Web;
using UserStream.Hosting;

namespace UserStream.Tests.AppHost;

public sealed class ResourceApiTests : IAsyncLifetime
{
    private readonly SecretMasker _masker = new();
    private readonly int _port = FreePort.Next();
    private WebApplication? _app;
    private ResourceStatus _postgres = null!;
    private ResourceStatus _api = null!;

    public async Task InitializeAsync()
    {
        var postgres = new InfrastructureResource("postgres", InfrastructureKind.Postgres);
        var api = new ProjectResource("api", new ServiceProject("UserStream.Api", "/p", "Debug", "net10.0"));
        _postgres = new ResourceStatus(postgres, new ResourceLog("postgres", _masker, echo: null));
        _api = new ResourceStatus(api, new ResourceLog("api", _masker, echo: null));

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Services.AddSingleton(new ResourceRegistry([_postgres, _api], _masker));
        _app = builder.Build();
        _app.MapResourceApi();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Fact]
    public async Task Lists_every_resource_with_state_mode_pid_restarts_and_masked_secrets()
    {
        _postgres.Mode = ResourceMode.Container;
        _postgres.SetAllocated(new ResourceConnection("Host=127.0.0.1;Port=5;Password=pg-secret-1", null), ["Host=127.0.0.1;Port=5;Password=pg-secret-1"]);
        _postgres.SetState(ResourceState.Healthy);
        _api.SetEnvironment(new Dictionary<string, string> { ["ConnectionStrings__postgres"] = "Host=127.0.0.1;Port=5;Password=pg-secret-1", ["ASPNETCORE_URLS"] = "http://127.0.0.1:5080" });
        _api.SetProcess(4242);
        _api.CountRestart();
        _api.SetState(ResourceState.Running);

        using var http = new HttpClient();
        var body = await http.GetStringAsync($"http://127.0.0.1:{_port}/api/resources");
        var resources = JsonDocument.Parse(body).RootElement;

        Assert.DoesNotContain("pg-secret-1", body);
        Assert.Equal(2, resources.GetArrayLength());
        var postgres = resources[0];
        Assert.Equal("postgres", postgres.GetProperty("name").GetString());
        Assert.Equal("postgres", postgres.GetProperty("type").GetString());
        Assert.Equal("container", postgres.GetProperty("mode").GetString());
        Assert.Equal("healthy", postgres.GetProperty("state").GetString());
        Assert.Equal("Host=127.0.0.1;Port=5;Password=****", postgres.GetProperty("endpoints")[0].GetString());
        var api = resources[1];
        Assert.Equal("running", api.GetProperty("state").GetString());
        Assert.Equal(4242, api.GetProperty("pid").GetInt32());
        Assert.Equal(1, api.GetProperty("restarts").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, api.GetProperty("startedAt").ValueKind);
        Assert.Equal("Host=127.0.0.1;Port=5;Password=****", api.GetProperty("environment").GetProperty("ConnectionStrings__postgres").GetString());
        Assert.Equal("http://127.0.0.1:5080", api.GetProperty("environment").GetProperty("ASPNETCORE_URLS").GetString());
    }

    [Fact]
    public async Task Logs_of_a_resource_are_its_recent_lines()
    {
        _api.Log.Write("first");
        _api.Log.Write("second", isError: true);

        using var http = new HttpClient();
        var lines = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{_port}/api/resources/api/logs?tail=1");

        var line = Assert.Single(lines.EnumerateArray());
        Assert.Equal("second", line.GetProperty("text").GetString());
        Assert.True(line.GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task Logs_of_an_unknown_resource_are_404()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{_port}/api/resources/nope/logs");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
