using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using UserStream.Hosting.Health;
using UserStream.Testing;

namespace UserStream.Hosting.Tests;

/// <summary>The AppHost's check of a service's /health, against a real HTTP server answering as ServiceDefaults does.</summary>
public sealed class ServiceHealthCheckTests : IAsyncLifetime
{
    private const string Degraded = """
        {"status":"Degraded","checks":{"self":{"status":"Healthy","description":"process is running"},
         "partitions":{"status":"Degraded","description":"users_created has 2 partition(s) for 4 processor replicas"}}}
        """;
    private const string Unhealthy = """
        {"status":"Unhealthy","checks":{"consumer":{"status":"Unhealthy","description":"store unreachable"},
         "partitions":{"status":"Degraded","description":"too few partitions"},"self":{"status":"Healthy"}}}
        """;

    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly int _port = FreePort.Next();
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _server = builder.Build();
        _server.MapGet("/degraded", () => Results.Content(Degraded, "application/json"));
        _server.MapGet("/unhealthy", () => Results.Content(Unhealthy, "application/json", statusCode: 503));
        _server.MapGet("/healthy", () => Results.Content("""{"status":"Healthy","checks":{}}""", "application/json"));
        _server.MapGet("/plain-ok", () => Results.Text("ok"));
        _server.MapGet("/plain-error", () => Results.Text("boom", statusCode: 500));
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HealthCheckResult> CheckAsync(string path) =>
        new ServiceHealthCheck(() => new Uri($"http://127.0.0.1:{_port}{path}"), Client).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_degraded_report_is_degraded_on_the_dashboard_with_the_degraded_checks_reasons()
    {
        var result = await CheckAsync("/degraded");

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("partitions: users_created has 2 partition(s) for 4 processor replicas", result.Description);
    }

    [Fact]
    public async Task An_unhealthy_report_names_only_the_failing_checks()
    {
        var result = await CheckAsync("/unhealthy");

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("consumer: store unreachable", result.Description);
    }

    [Theory]
    [InlineData("/healthy", HealthStatus.Healthy)]
    [InlineData("/plain-ok", HealthStatus.Healthy)]
    [InlineData("/plain-error", HealthStatus.Unhealthy)]
    [InlineData("/missing", HealthStatus.Unhealthy)]
    public async Task Without_a_report_the_status_code_decides(string path, HealthStatus expected)
    {
        Assert.Equal(expected, (await CheckAsync(path)).Status);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_is_unhealthy_naming_its_address()
    {
        var port = FreePort.Next();
        var result = await new ServiceHealthCheck(() => new Uri($"http://127.0.0.1:{port}/health"), Client).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"127.0.0.1:{port}", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_not_allocated_yet_is_unhealthy()
    {
        var result = await new ServiceHealthCheck(() => throw new InvalidOperationException("not allocated"), Client).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not allocated", result.Description, StringComparison.Ordinal);
    }
}
