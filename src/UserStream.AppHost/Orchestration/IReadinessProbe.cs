namespace UserStream.AppHost.Orchestration;

/// <summary>One attempt at telling whether a resource is ready; throws (with the reason) when it is not.</summary>
public interface IReadinessProbe
{
    /// <summary>What is probed, for messages ("TCP 127.0.0.1:9092", "GET http://…/health").</summary>
    string Description { get; }

    Task CheckAsync(CancellationToken cancellationToken);
}
