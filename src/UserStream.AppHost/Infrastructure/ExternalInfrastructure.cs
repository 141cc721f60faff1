using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.AppHost.Infrastructure;

/// <summary>A resource someone else runs: the configured connection string is passed on as it is.</summary>
public sealed class ExternalInfrastructure(InfrastructureKind kind, string connectionString) : IRunningInfrastructure
{
    public ResourceConnection Connection { get; } = new(connectionString, null);
    public IReadOnlyList<string> Endpoints { get; } = [connectionString];
    public IReadinessProbe Probe { get; } = ExternalEndpoints.ProbeFor(kind, connectionString);
    public int? Pid => null;

    public string? GiveUpReason() => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
