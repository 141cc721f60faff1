using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;

namespace UserStream.AppHost.Orchestration;

/// <summary>The live status of every resource, by name, in start order; what the resource API and the dashboard read.</summary>
public sealed class ResourceRegistry(IReadOnlyList<ResourceStatus> statuses, SecretMasker masker)
{
    public IReadOnlyList<ResourceStatus> All { get; } = statuses;

    public SecretMasker Masker { get; } = masker;

    public ResourceStatus? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public ResourceStatus Get(Resource resource) => All.First(s => s.Resource == resource);

    public IReadOnlyList<ResourceSnapshot> Snapshot() => All.Select(s => s.Snapshot(Masker)).ToArray();
}
