using UserStream.AppHost.Configuration;
using UserStream.AppHost.Model;
using UserStream.Hosting;

namespace UserStream.AppHost.Orchestration;

/// <summary>Turns the resource model and the settings into an <see cref="ApplicationPlan"/>, or fails with what to fix.</summary>
public static class ApplicationPlanner
{
    /// <param name="resources">The resources in the order they were added.</param>
    /// <param name="settings">The AppHost's configuration.</param>
    /// <param name="modes">Chooses external, container or local per infrastructure resource.</param>
    /// <param name="otlpReceiverPort">The port of the AppHost's own OTLP receiver, when it runs one.</param>
    /// <exception cref="InvalidOperationException">A cycle, a mode that cannot be honoured, or a bad port setting.</exception>
    public static async Task<ApplicationPlan> PlanAsync(
        IReadOnlyList<Resource> resources, AppHostSettings settings, ModeSelector modes, int? otlpReceiverPort)
    {
        var order = StartOrder.Sort(resources);
        var chosen = new Dictionary<Resource, ResourceMode>();
        var ports = new Dictionary<Resource, int>();
        var planned = new List<PlannedPort> { new("dashboard", settings.DashboardPort, "Ports:dashboard") };
        if (otlpReceiverPort is { } otlp)
            planned.Add(new PlannedPort("otlp", otlp, "Ports:otlp"));

        foreach (var resource in order)
        {
            switch (resource)
            {
                case ProjectResource project:
                    chosen[project] = ResourceMode.Local;
                    ports[project] = settings.Port(project.Name) ?? project.DefaultHttpPort ?? FreePort.Next();
                    break;
                case InfrastructureResource infrastructure:
                    var mode = await modes.ChooseAsync(infrastructure.Name, settings.ForcedMode(infrastructure.Name), settings.ConnectionString(infrastructure.Name));
                    chosen[infrastructure] = mode;
                    // Embedded Kafka picks its own port; external resources are not ours to bind.
                    var bindsPort = mode == ResourceMode.Container || (mode == ResourceMode.Local && infrastructure.Kind == InfrastructureKind.Postgres);
                    if (bindsPort)
                        ports[infrastructure] = settings.Port(infrastructure.Name) ?? FreePort.Next();
                    break;
            }
            if (ports.TryGetValue(resource, out var port))
                planned.Add(new PlannedPort(resource.Name, port, $"Ports:{resource.Name}"));
        }

        var otlpEndpoint = otlpReceiverPort is { } receiver ? $"http://127.0.0.1:{receiver}" : settings.OtlpEndpoint;
        return new ApplicationPlan(order, chosen, ports, planned, await EngineIfUsed(modes, chosen), otlpEndpoint, settings.DashboardPort);
    }

    private static async Task<string?> EngineIfUsed(ModeSelector modes, Dictionary<Resource, ResourceMode> chosen) =>
        chosen.Values.Contains(ResourceMode.Container) ? await modes.EngineAsync() : null;
}
