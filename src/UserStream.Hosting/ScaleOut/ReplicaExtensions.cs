using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>How many instances of a service run, from the AppHost's configuration.</summary>
public static class ReplicaExtensions
{
    /// <summary>Most replicas of one service: each is a process of its own on this machine.</summary>
    public const int MaxReplicas = 16;

    /// <summary>
    /// Runs <c>&lt;section&gt;:Replicas</c> instances of the project (default 1; <c>--Processor:Replicas=3</c>,
    /// <c>Processor__Replicas=3</c> or appsettings) with Aspire's <c>WithReplicas</c>, each its own resource on the
    /// dashboard behind the one proxied endpoint. Each replica is told the count in <c>&lt;section&gt;__Replicas</c>, so a
    /// service can compare it with what it shares out (the processor with the topic's partitions). A value that is not
    /// a whole number from 1 to <see cref="MaxReplicas"/> stops the AppHost at start with the setting's name.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfiguredReplicas(this IResourceBuilder<ProjectResource> builder, string section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(section);
        var replicas = ConfiguredReplicas(builder.ApplicationBuilder.Configuration[$"{section}:Replicas"], section);
        if (replicas > 1)
            builder.WithReplicas(replicas);
        return builder.WithEnvironment($"{section}__Replicas", replicas.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The replica count a setting gives: 1 when unset; an error naming <c>&lt;section&gt;:Replicas</c> when invalid.</summary>
    public static int ConfiguredReplicas(string? value, string section)
    {
        if (string.IsNullOrWhiteSpace(value))
            return 1;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas is >= 1 and <= MaxReplicas)
            return replicas;
        throw new InvalidOperationException(
            $"{section}:Replicas must be a whole number from 1 to {MaxReplicas}; got '{value}'.");
    }
}
