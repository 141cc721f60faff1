using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using UserStream.AppHost.Model;

namespace UserStream.AppHost;

/// <summary>Collects the resources of the application (the bill of materials) and its configuration.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Development";
        // Development by default, like `dotnet run` of an Aspire AppHost: user secrets are read then.
        Web = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environment,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(DistributedApplicationBuilder).Assembly.GetName().Name,
        });
    }

    /// <summary>appsettings.json, user secrets, environment variables and the command line.</summary>
    public IConfiguration Configuration => Web.Configuration;

    internal WebApplicationBuilder Web { get; }

    internal IReadOnlyList<Resource> Resources => _resources;

    public ResourceBuilder<InfrastructureResource> AddPostgres(string name) => Add(new InfrastructureResource(name, InfrastructureKind.Postgres));

    public ResourceBuilder<InfrastructureResource> AddKafka(string name) => Add(new InfrastructureResource(name, InfrastructureKind.Kafka));

    public ResourceBuilder<InfrastructureResource> AddCassandra(string name) => Add(new InfrastructureResource(name, InfrastructureKind.Cassandra));

    public ResourceBuilder<ProjectResource> AddProject(string name, ServiceProject project) => Add(new ProjectResource(name, project));

    public DistributedApplication Build() => new(this);

    private ResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
            throw new InvalidOperationException($"A resource named '{resource.Name}' was already added.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource);
    }
}
