using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserStream.ServiceDefaults;
using UserStream.Testing;

namespace UserStream.ServiceDefaults.Tests;

/// <summary>How failing health checks are logged by a service built with AddServiceDefaults.</summary>
public sealed class StartupHealthLoggingTests
{
    [Fact]
    public async Task A_dependency_not_reachable_while_starting_is_a_warning_and_no_error_is_logged()
    {
        var dependency = new SwitchableCheck();
        using var host = Build(dependency, out var logs);
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
        var warning = Assert.Single(logs.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("dependency", warning.Message);
        Assert.Contains("connection refused", warning.Message);
        // Hiding the health check service's errors must not open its category to Debug lines.
        Assert.DoesNotContain(logs.Lines, l => l.Level < LogLevel.Information);
    }

    [Fact]
    public async Task A_dependency_lost_after_it_was_healthy_is_an_error()
    {
        var dependency = new SwitchableCheck();
        using var host = Build(dependency, out var logs);
        var health = host.Services.GetRequiredService<HealthCheckService>();

        dependency.Healthy = true;
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
        dependency.Healthy = false;
        await health.CheckHealthAsync();

        var error = Assert.Single(logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains("dependency", error.Message);
        Assert.Contains("connection refused", error.Message);
    }

    [Fact]
    public async Task A_dependency_still_unreachable_after_the_grace_period_is_an_error()
    {
        var dependency = new SwitchableCheck();
        using var host = Build(dependency, out var logs, gracePeriod: "00:00:00");
        var health = host.Services.GetRequiredService<HealthCheckService>();

        await health.CheckHealthAsync();

        var error = Assert.Single(logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains("connection refused", error.Message);
    }

    [Fact]
    public async Task A_check_that_throws_while_starting_is_a_warning_with_its_reason()
    {
        var dependency = new SwitchableCheck { Throws = true };
        using var host = Build(dependency, out var logs);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["dependency"].Status);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("connection refused"));
    }

    private static IHost Build(SwitchableCheck dependency, out CollectingLoggerProvider logs, string? gracePeriod = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (gracePeriod is not null)
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StartupAwareHealthLogging.GracePeriodKey] = gracePeriod });
        logs = new CollectingLoggerProvider();
        builder.Logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs);
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("dependency", dependency);
        return builder.Build();
    }

    private sealed class SwitchableCheck : IHealthCheck
    {
        public volatile bool Healthy;
        public volatile bool Throws;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (Throws)
                throw new InvalidOperationException("connection refused");
            return Task.FromResult(Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("connection refused"));
        }
    }
}
