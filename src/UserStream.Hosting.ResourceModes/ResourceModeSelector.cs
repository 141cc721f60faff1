using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace UserStream.Hosting.ResourceModes;

/// <summary>
/// Picks the <see cref="ResourceMode"/> of a resource: <c>Resources:&lt;name&gt;:Mode</c> when set; else external
/// when <c>ConnectionStrings:&lt;name&gt;</c> has a value; else container when a container runtime answers;
/// else local. A manifest (publish mode) describes a deployment, where only containers make sense:
/// there, container unless forced otherwise.
/// </summary>
public static class ResourceModeSelector
{
    /// <summary>The mode of resource <paramref name="name"/> for this AppHost run.</summary>
    /// <exception cref="InvalidOperationException">The forced mode is not one of local, container, external.</exception>
    public static ResourceMode GetResourceMode(this IDistributedApplicationBuilder builder, string name) =>
        Select(builder.Configuration, name,
            () => builder.ExecutionContext.IsPublishMode || ContainerRuntimeProbe.AnsweringRuntime is not null);

    /// <summary>The selection rule, with the container-runtime question passed in.</summary>
    public static ResourceMode Select(IConfiguration configuration, string name, Func<bool> containerRuntimeAnswers)
    {
        var forced = configuration[$"Resources:{name}:Mode"];
        if (!string.IsNullOrWhiteSpace(forced))
        {
            return Enum.TryParse<ResourceMode>(forced, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? mode
                : throw new InvalidOperationException(
                    $"Resources:{name}:Mode is '{forced}': use local, container or external.");
        }
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(name)))
            return ResourceMode.External;
        return containerRuntimeAnswers() ? ResourceMode.Container : ResourceMode.Local;
    }
}
