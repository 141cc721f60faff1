namespace UserStream.AppHost.Model;

/// <summary>Where a resource is in its life, as the resource API reports it.</summary>
public enum ResourceState
{
    Starting,

    /// <summary>Started (process or connection up), not yet answering its health check.</summary>
    Running,

    Healthy,
    Failed,
    Stopped,
}
