using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;

namespace Aspire.Hosting;

/// <summary>Starts each .NET project resource from its build output instead of under <c>dotnet run</c>.</summary>
public static class BuiltProjectExtensions
{
    /// <summary>
    /// By default DCP starts a project as <c>dotnet run --project … --no-build</c>, and that SDK process stays beside the
    /// service for its whole life (about 130 MiB each here). The AppHost's build has already built every project it
    /// references, so this starts each one as its built executable (<c>bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;name&gt;</c>),
    /// in the project's folder as <c>dotnet run</c> would: Aspire honours an <see cref="ExecutableAnnotation"/> on a
    /// project resource and then adds no <c>dotnet</c> arguments. A project whose executable is not there (never built
    /// in the AppHost's configuration) is left to <c>dotnet run</c>. Run mode only; a manifest is unaffected.
    /// </summary>
    public static IDistributedApplicationBuilder RunBuiltProjects(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ExecutionContext.IsRunMode)
            return builder;
        var configuration = builder.AppHostAssembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                if (project.HasAnnotationOfType<ExecutableAnnotation>() || !project.TryGetLastAnnotation<IProjectMetadata>(out var metadata))
                    continue;
                if (BuiltExecutable(metadata.ProjectPath, configuration) is { } executable)
                    project.Annotations.Add(new ExecutableAnnotation
                    {
                        Command = executable,
                        WorkingDirectory = Path.GetDirectoryName(metadata.ProjectPath)!,
                    });
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The project's built executable in <paramref name="configuration"/> for the AppHost's own framework, or null when it is not there.</summary>
    public static string? BuiltExecutable(string projectPath, string configuration)
    {
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var path = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, $"net{Environment.Version.Major}.0",
            OperatingSystem.IsWindows() ? name + ".exe" : name);
        return File.Exists(path) ? path : null;
    }
}
