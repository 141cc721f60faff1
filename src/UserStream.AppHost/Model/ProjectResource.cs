namespace UserStream.AppHost.Model;

/// <summary>One of our services, run as a child process <c>dotnet &lt;dll&gt;</c> listening on 127.0.0.1.</summary>
public sealed class ProjectResource(string name, ServiceProject project) : Resource(name)
{
    public ServiceProject Project { get; } = project;

    /// <summary>The HTTP port used when <c>Ports:{name}</c> is not configured; null means a free port.</summary>
    public int? DefaultHttpPort { get; set; }

    public override string Type => "project";
}
