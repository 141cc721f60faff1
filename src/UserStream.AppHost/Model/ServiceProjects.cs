using System.Reflection;

namespace UserStream.AppHost.Model;

/// <summary>
/// The service projects referenced by the AppHost's csproj, read from the AssemblyMetadata attributes
/// its build writes (ServiceProject:&lt;name&gt; = path of the csproj, BuildConfiguration, TargetFramework).
/// Plays the role of Aspire's generated <c>Projects.*</c> classes.
/// </summary>
public static class ServiceProjects
{
    public static ServiceProject Source => Find("UserStream.Source");
    public static ServiceProject Ingestor => Find("UserStream.Ingestor");
    public static ServiceProject Processor => Find("UserStream.Processor");
    public static ServiceProject Api => Find("UserStream.Api");

    public static ServiceProject Find(string assemblyName)
    {
        var metadata = typeof(ServiceProjects).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value ?? "");
        if (!metadata.TryGetValue("ServiceProject:" + assemblyName, out var csproj))
            throw new InvalidOperationException($"The AppHost was not built with a reference to {assemblyName}.csproj.");
        return new ServiceProject(
            assemblyName,
            Path.GetDirectoryName(csproj)!,
            metadata.GetValueOrDefault("BuildConfiguration", "Debug"),
            metadata.GetValueOrDefault("TargetFramework", "net10.0"));
    }
}
