using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using UserStream.Contracts.Messages;

namespace Aspire.Hosting;

/// <summary>The processor's commands on the dashboard: pause and resume a replica's consumption, replay dead letters.</summary>
public static class ProcessorCommandExtensions
{
    /// <summary>The name of the <i>Pause consumption</i> command.</summary>
    public const string PauseCommand = "pause-consumption";

    /// <summary>The name of the <i>Resume consumption</i> command.</summary>
    public const string ResumeCommand = "resume-consumption";

    /// <summary>The name of the <i>Replay dead letters</i> command.</summary>
    public const string ReplayCommand = "replay-dead-letters";

    /// <summary>The reason input's value for every reason.</summary>
    public const string AllReasons = "all";

    /// <summary>
    /// Adds <i>Pause consumption</i> (after a confirmation) and <i>Resume consumption</i> to each processor replica: they
    /// send <c>POST /consumption/pause</c> and <c>/resume</c> with the API key and answer with the replica's state.
    /// Invoked on the resource rather than on one replica (<c>ResourceCommandService.ExecuteCommandAsync(resource, …)</c>),
    /// they run on every replica. And <i>Replay dead letters</i>, which asks for the reason (or all) and the first offset,
    /// over <c>POST /dead-letters/replay</c>: run it on one replica (each replica would replay the whole topic).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProcessorCommands(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource> apiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(apiKey);
        return builder
            .WithOperatorCommand(PauseCommand, "Pause consumption", "/consumption/pause", apiKey, new CommandOptions
            {
                Description = "Stop storing users on this replica: the batch in hand is finished, its partitions paused; it stays in the group and the lag grows until it is resumed.",
                ConfirmationMessage = "Pause consumption on this replica? Users wait in Kafka until it is resumed.",
                IconName = "Pause",
            }, Describe)
            .WithOperatorCommand(ResumeCommand, "Resume consumption", "/consumption/resume", apiKey, new CommandOptions
            {
                Description = "Store users again on this replica: its partitions resume and the lag drains.",
                IconName = "PlayCircle",
            }, Describe)
            .WithOperatorCommand(ReplayCommand, "Replay dead letters", "/dead-letters/replay", apiKey, new CommandOptions
            {
                Description = "Publish the originals of the dead letters of a reason (or all) to users_created again, once their cause is removed; a message that fails again is dead-lettered again.",
                IconName = "ArrowRepeatAll",
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = "reason", Label = "Reason", InputType = InputType.Choice, Required = true, Value = AllReasons,
                        Options = [KeyValuePair.Create(AllReasons, "every reason"), .. DeadLetterReasons.All.Select(r => KeyValuePair.Create(r, r))],
                    },
                    new InteractionInput
                    {
                        Name = "fromOffset", Label = "From offset", InputType = InputType.Number, Required = false, Value = "0",
                        Description = "Dead letters at or after this offset in each partition.",
                    },
                ],
            }, (resource, result) =>
                $"{resource}: {result.GetProperty("replayed").GetInt32()} dead letter(s) replayed to {result.GetProperty("topic").GetString()}" +
                (result.GetProperty("skippedTruncated").GetInt32() is > 0 and var cut ? $"; {cut} cut down when dead-lettered, not replayed" : ""),
                ReplayBody);
    }

    /// <summary>The body of <c>POST /dead-letters/replay</c>: no reason for all; the offset as typed when it is not a whole number, for the service to name.</summary>
    internal static Dictionary<string, object?> ReplayBody(InteractionInputCollection? arguments)
    {
        var reason = arguments?.GetString("reason")?.Trim();
        var from = arguments?.GetString("fromOffset")?.Trim();
        var body = new Dictionary<string, object?>();
        if (!string.IsNullOrEmpty(reason) && reason != AllReasons)
            body["reason"] = reason;
        if (!string.IsNullOrEmpty(from))
            body["fromOffset"] = long.TryParse(from, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset) ? offset : from;
        return body;
    }

    private static string Describe(string resource, JsonElement state) =>
        $"{resource}: {state.GetProperty("message").GetString()} ({state.GetProperty("assignedPartitions").GetInt32()} partitions)";
}
