namespace UserStream.AppHost.Model;

/// <summary>A database or broker: attached by connection string, run as a container, or run locally.</summary>
public sealed class InfrastructureResource(string name, InfrastructureKind kind) : Resource(name)
{
    public InfrastructureKind Kind { get; } = kind;

    public override string Type => Kind.ToString().ToLowerInvariant();
}
