using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.AppHost.Configuration;
using UserStream.AppHost.Infrastructure;
using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;
using UserStream.AppHost.Web;
using UserStream.Hosting;

namespace UserStream.AppHost;

/// <summary>
/// The built application: plans modes and ports (failing early on conflicts), then serves the dashboard,
/// the resource API and the OTLP receiver while the orchestrator starts everything; Ctrl+C or SIGTERM
/// stops it all.
/// </summary>
public sealed class DistributedApplication
{
    private readonly DistributedApplicationBuilder _builder;

    internal DistributedApplication(DistributedApplicationBuilder builder) => _builder = builder;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    /// <summary>Runs until stopped; 0 after an orderly stop, 1 when it could not start (the reason is printed).</summary>
    public async Task<int> RunAsync()
    {
        var echo = ConsoleEcho.ForConsole();
        var masker = new SecretMasker();
        var web = _builder.Web;
        var settings = new AppHostSettings(web.Configuration);

        ApplicationPlan plan;
        try
        {
            var modes = new ModeSelector(() => ContainerEngine.DetectAsync(settings.ContainerEngine, CancellationToken.None));
            plan = await ApplicationPlanner.PlanAsync(_builder.Resources, settings, modes, DashboardIntegration.OtlpReceiverPort(settings));
            PortConflicts.ThrowIfAny(plan.PlannedPorts, FreePort.IsInUse);
        }
        catch (InvalidOperationException e)
        {
            echo.Announce(e.Message, warning: true);
            return 1;
        }

        var registry = new ResourceRegistry(
            plan.Order.Select(r => new ResourceStatus(r, new ResourceLog(r.Name, masker, echo))).ToArray(), masker);
        web.Services.AddSingleton(registry);
        web.Services.AddSingleton(settings);
        web.Services.AddSingleton(plan);
        web.Services.AddSingleton(sp => new ResourceOrchestrator(plan, registry, settings, echo, web.Environment.EnvironmentName));
        web.Services.AddHostedService(sp => sp.GetRequiredService<ResourceOrchestrator>());
        web.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(5));
        DashboardIntegration.AddServices(web, settings, plan.DashboardPort, settings.OtlpPort);

        await using var app = web.Build();
        DashboardIntegration.Map(app, settings.OtlpPort);
        app.MapResourceApi();

        echo.Announce($"UserStream AppHost ({web.Environment.EnvironmentName}): starting {plan.Order.Count} resources; " +
                      string.Join(", ", plan.Order.Select(r => $"{r.Name}={plan.Modes[r].ToString().ToLowerInvariant()}")));
        if (plan.ContainerEngine is { } engine)
            echo.Announce($"container engine: {engine}");
        echo.Announce($"dashboard: {DashboardIntegration.LoginUrl(app, plan.DashboardPort)}");
        echo.Announce($"OTLP receiver: http://127.0.0.1:{settings.OtlpPort} (services export there)");

        await app.RunAsync();
        return 0;
    }
}
