using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The ingestor's commands on the dashboard: each sends the request a script would send to its endpoint.</summary>
public static class IngestorCommandExtensions
{
    /// <summary>The name of the <i>Start a run</i> command (for <c>ResourceCommandService.ExecuteCommandAsync</c>).</summary>
    public const string StartRunCommand = "start-run";

    /// <summary>The name of the <i>Retry failed runs</i> command.</summary>
    public const string RetryFailedCommand = "retry-failed-runs";

    /// <summary>The name of the <i>Pause schedule</i> command.</summary>
    public const string PauseScheduleCommand = "pause-schedule";

    /// <summary>The name of the <i>Resume schedule</i> command.</summary>
    public const string ResumeScheduleCommand = "resume-schedule";

    /// <summary>The number of users a run asks for when the operator leaves the field as it is.</summary>
    public const int DefaultUsers = 100;

    /// <summary>
    /// Adds <i>Start a run</i> to each ingestor replica: it asks for the number of users and an optional seed, sends
    /// <c>POST /runs</c> with the API key in <c>X-Api-Key</c>, and answers with the run's id, or with the service's own
    /// problem text (a count out of range, a full queue) when it refuses. <i>Retry failed runs</i> (after a confirmation), over
    /// <c>POST /runs/retry-failed</c>. And <i>Pause schedule</i> (after a confirmation)
    /// and <i>Resume schedule</i>, over <c>POST /schedule/pause</c> and <c>/resume</c>: the schedule of every ingestor.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIngestorCommands(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource> apiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(apiKey);
        return builder
            .WithOperatorCommand(StartRunCommand, "Start a run", "/runs", apiKey, new CommandOptions
            {
                Description = "Fetch users from the source now: POST /runs with the number of users and an optional seed (the same seed gives the same users).",
                IconName = "Play",
                IsHighlighted = true,
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = "count", Label = "Users", InputType = InputType.Number, Required = true,
                        Value = DefaultUsers.ToString(CultureInfo.InvariantCulture),
                        Description = "How many users the run fetches.",
                    },
                    new InteractionInput
                    {
                        Name = "seed", Label = "Seed", InputType = InputType.Text, Required = false, MaxLength = 64,
                        Description = "Optional: the source's seed; leave empty for a new one.",
                    },
                ],
            }, (_, run) => $"Run {run.GetProperty("id").GetString()} started: {run.GetProperty("requested").GetInt32()} users, seed {run.GetProperty("seed").GetString()}",
                RequestBody)
            .WithOperatorCommand(RetryFailedCommand, "Retry failed runs", "/runs/retry-failed", apiKey, new CommandOptions
            {
                Description = "Queue every failed run again for another attempt; each resumes after its last committed page.",
                ConfirmationMessage = "Queue every failed run again?",
                IconName = "ArrowClockwise",
            }, (_, retried) => retried.GetProperty("retried").GetInt32() switch
            {
                0 => "No failed run to retry",
                1 => "1 failed run queued again",
                var n => $"{n} failed runs queued again",
            })
            .WithOperatorCommand(PauseScheduleCommand, "Pause schedule", "/schedule/pause", apiKey, new CommandOptions
            {
                Description = "Stop the schedule on every ingestor: no slot fires until it is resumed; runs already started go on.",
                ConfirmationMessage = "Pause the schedule on every ingestor? No scheduled run starts until it is resumed.",
                IconName = "Pause",
            }, ScheduleMessage)
            .WithOperatorCommand(ResumeScheduleCommand, "Resume schedule", "/schedule/resume", apiKey, new CommandOptions
            {
                Description = "Start the schedule again from now (the slots of the pause are not fired).",
                IconName = "PlayCircle",
            }, ScheduleMessage);
    }

    private static string ScheduleMessage(string resource, JsonElement schedule) =>
        $"Schedule {schedule.GetProperty("message").GetString()}" +
        (schedule.GetProperty("nextAt").ValueKind == JsonValueKind.String ? $"; next slot {schedule.GetProperty("nextAt").GetString()}" : "");

    /// <summary>
    /// The body of <c>POST /runs</c>. The count goes as the operator typed it when it is not a whole number, so the
    /// service answers it with the message a script would get, naming the field.
    /// </summary>
    internal static Dictionary<string, object?> RequestBody(InteractionInputCollection? arguments)
    {
        var count = arguments?.GetString("count")?.Trim();
        var seed = arguments?.GetString("seed")?.Trim();
        var body = new Dictionary<string, object?>
        {
            ["count"] = string.IsNullOrEmpty(count) ? DefaultUsers
                : int.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : count,
        };
        if (!string.IsNullOrEmpty(seed))
            body["seed"] = seed;
        return body;
    }
}
