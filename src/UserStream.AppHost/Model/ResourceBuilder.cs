namespace UserStream.AppHost.Model;

/// <summary>Fluent configuration of one resource, as in Aspire: <c>.WithReference(kafka).WaitFor(kafka)</c>.</summary>
public sealed class ResourceBuilder<T>(T resource) where T : Resource
{
    public T Resource { get; } = resource;

    /// <summary>The resource receives <paramref name="other"/>'s address (ConnectionStrings__name or services__name__http__0).</summary>
    public ResourceBuilder<T> WithReference<TOther>(ResourceBuilder<TOther> other) where TOther : Resource
    {
        if (!Resource.References.Contains(other.Resource))
            Resource.References.Add(other.Resource);
        return this;
    }

    /// <summary>The resource starts only once <paramref name="other"/> is ready (healthy).</summary>
    public ResourceBuilder<T> WaitFor<TOther>(ResourceBuilder<TOther> other) where TOther : Resource
    {
        if (!Resource.WaitsFor.Contains(other.Resource))
            Resource.WaitsFor.Add(other.Resource);
        return this;
    }
}

/// <summary>Settings that only apply to services.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>The HTTP port used unless <c>Ports:{name}</c> is configured.</summary>
    public static ResourceBuilder<ProjectResource> WithHttpEndpoint(this ResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.DefaultHttpPort = port;
        return builder;
    }
}
