namespace UserStream.AppHost.Model;

/// <summary>
/// A named part of the distributed application. The name is also the connection name the services
/// read (<c>ConnectionStrings__{name}</c>, <c>services__{name}__http__0</c>), so it is kebab-case.
/// </summary>
public abstract class Resource
{
    protected Resource(string name)
    {
        ResourceName.Validate(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>What it is, as shown on the dashboard: postgres, kafka, cassandra, project.</summary>
    public abstract string Type { get; }

    /// <summary>Resources whose address this one receives in its environment.</summary>
    public List<Resource> References { get; } = [];

    /// <summary>Resources that must be ready before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Everything this resource needs, for ordering: references and waits.</summary>
    public IEnumerable<Resource> Dependencies => References.Concat(WaitsFor).Distinct();

    public override string ToString() => Name;
}
