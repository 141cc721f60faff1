using UserStream.AppHost.Model;

namespace UserStream.AppHost.Orchestration;

/// <summary>Decided before anything starts: the order, each resource's mode and port, the container engine, the OTLP endpoint.</summary>
public sealed record ApplicationPlan(
    IReadOnlyList<Resource> Order,
    IReadOnlyDictionary<Resource, ResourceMode> Modes,
    IReadOnlyDictionary<Resource, int> Ports,
    IReadOnlyList<PlannedPort> PlannedPorts,
    string? ContainerEngine,
    string? OtlpEndpoint,
    int DashboardPort);
