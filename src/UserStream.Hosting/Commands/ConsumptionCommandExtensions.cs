using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The processor's commands on the dashboard: pause and resume a replica's consumption.</summary>
public static class ConsumptionCommandExtensions
{
    /// <summary>The name of the <i>Pause consumption</i> command.</summary>
    public const string PauseCommand = "pause-consumption";

    /// <summary>The name of the <i>Resume consumption</i> command.</summary>
    public const string ResumeCommand = "resume-consumption";

    /// <summary>
    /// Adds <i>Pause consumption</i> (after a confirmation) and <i>Resume consumption</i> to each processor replica: they
    /// send <c>POST /consumption/pause</c> and <c>/resume</c> with the API key and answer with the replica's state.
    /// Invoked on the resource rather than on one replica (<c>ResourceCommandService.ExecuteCommandAsync(resource, …)</c>),
    /// they run on every replica.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConsumptionCommands(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource> apiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(apiKey);
        return builder
            .WithHttpCommand("/consumption/pause", "Pause consumption", commandName: PauseCommand, commandOptions: new HttpCommandOptions
            {
                Description = "Stop storing users on this replica: the batch in hand is finished, its partitions paused; it stays in the group and the lag grows until it is resumed.",
                ConfirmationMessage = "Pause consumption on this replica? Users wait in Kafka until it is resumed.",
                IconName = "Pause",
            }.WithKey(apiKey, Describe))
            .WithHttpCommand("/consumption/resume", "Resume consumption", commandName: ResumeCommand, commandOptions: new HttpCommandOptions
            {
                Description = "Store users again on this replica: its partitions resume and the lag drains.",
                IconName = "PlayCircle",
            }.WithKey(apiKey, Describe));
    }

    private static string Describe(HttpCommandResultContext context, JsonElement state) =>
        $"{context.ResourceName}: {state.GetProperty("message").GetString()} ({state.GetProperty("assignedPartitions").GetInt32()} partitions)";
}
