using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.AppHost.Infrastructure;

/// <summary>A started (or attached) database or broker: its address, how to tell it is ready, how to stop it.</summary>
public interface IRunningInfrastructure : IAsyncDisposable
{
    ResourceConnection Connection { get; }

    /// <summary>Where it is, for the start-up table and the API (may contain secrets: mask before showing).</summary>
    IReadOnlyList<string> Endpoints { get; }

    IReadinessProbe Probe { get; }

    /// <summary>The process that runs it, when it is one of ours.</summary>
    int? Pid { get; }

    /// <summary>Why waiting for readiness is pointless (the process exited), or null.</summary>
    string? GiveUpReason();
}
