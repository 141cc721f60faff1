using UserStream.AppHost.Model;

namespace UserStream.AppHost.Orchestration;

/// <summary>
/// Chooses how each infrastructure resource is provided: a forced mode (<c>Resources:{name}:Mode</c>)
/// wins; otherwise external when a connection string is configured, a container when an engine
/// answers, local otherwise. The engine is probed at most once, and only if some resource needs it.
/// </summary>
public sealed class ModeSelector(Func<Task<string?>> detectEngine)
{
    private Task<string?>? _engine;

    /// <summary>The engine found (docker or podman), once any resource asked; null when none answers.</summary>
    public Task<string?> EngineAsync() => _engine ??= detectEngine();

    public async Task<ResourceMode> ChooseAsync(string name, ResourceMode? forced, string? connectionString)
    {
        switch (forced)
        {
            case ResourceMode.External when connectionString is null:
                throw new InvalidOperationException(
                    $"Resources:{name}:Mode is external but no connection string is configured: set ConnectionStrings:{name} (environment ConnectionStrings__{name}).");
            case ResourceMode.Container when await EngineAsync() is null:
                throw new InvalidOperationException(
                    $"Resources:{name}:Mode is container but no container engine answers (`docker info` and `podman info` failed): start Docker or Podman, or choose local.");
            case { } mode:
                return mode;
        }
        if (connectionString is not null)
            return ResourceMode.External;
        return await EngineAsync() is not null ? ResourceMode.Container : ResourceMode.Local;
    }
}
