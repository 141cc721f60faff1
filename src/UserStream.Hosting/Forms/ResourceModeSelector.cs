using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace UserStream.Hosting.Forms;

/// <summary>
/// The one rule that picks the <see cref="ResourceMode"/> of an infrastructure resource: <c>Resources:&lt;name&gt;:Mode</c>
/// when set; else external when <c>ConnectionStrings:&lt;name&gt;</c> has a value; else container when a container
/// runtime answers; else local. A manifest (publish mode) describes a deployment, where only containers make sense:
/// there, container unless forced otherwise. The choice and its reason are shown in the dashboard and the startup summary.
/// </summary>
public static class ResourceModeSelector
{
    /// <summary>The mode of resource <paramref name="name"/> for this AppHost run, and why.</summary>
    /// <exception cref="InvalidOperationException">The forced mode is not one of local, container, external.</exception>
    public static ResourceModeChoice GetResourceMode(this IDistributedApplicationBuilder builder, string name) =>
        Select(builder.Configuration, name, () => builder.ExecutionContext.IsPublishMode
            ? "a manifest describes a deployment"
            : ContainerRuntimeProbe.AnsweringRuntime is { } runtime ? $"{runtime} answers" : null);

    /// <summary>The selection rule, with the container-runtime question passed in: null when none answers, else what answered.</summary>
    public static ResourceModeChoice Select(IConfiguration configuration, string name, Func<string?> containerRuntime)
    {
        var forced = configuration[$"Resources:{name}:Mode"];
        if (!string.IsNullOrWhiteSpace(forced))
        {
            return Enum.TryParse<ResourceMode>(forced, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? new(mode, $"Resources:{name}:Mode is {forced}")
                : throw new InvalidOperationException($"Resources:{name}:Mode is '{forced}': use local, container or external.");
        }
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(name)))
            return new(ResourceMode.External, $"ConnectionStrings:{name} is set");
        return containerRuntime() is { } answer
            ? new(ResourceMode.Container, answer)
            : new(ResourceMode.Local, "no container runtime answers");
    }
}

/// <summary>The form a resource runs in, and the reason the rule gave.</summary>
/// <param name="Mode">external, container or local.</param>
/// <param name="Reason">Why, in a few words ("docker answers", "ConnectionStrings:kafka is set").</param>
public sealed record ResourceModeChoice(ResourceMode Mode, string Reason)
{
    /// <summary>"local: no container runtime answers".</summary>
    public override string ToString() => $"{Mode.ToString().ToLowerInvariant()}: {Reason}";
}
