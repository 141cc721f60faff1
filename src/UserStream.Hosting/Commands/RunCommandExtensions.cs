using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The ingestor's commands on the dashboard: each sends the request a script would send to its endpoint.</summary>
public static class RunCommandExtensions
{
    /// <summary>The name of the <i>Start a run</i> command (for <c>ResourceCommandService.ExecuteCommandAsync</c>).</summary>
    public const string StartRunCommand = "start-run";

    /// <summary>The number of users a run asks for when the operator leaves the field as it is.</summary>
    public const int DefaultUsers = 100;

    /// <summary>
    /// Adds <i>Start a run</i> to each ingestor replica: it asks for the number of users and an optional seed, sends
    /// <c>POST /runs</c> with the API key in <c>X-Api-Key</c>, and answers with the run's id, or with the service's own
    /// problem text (a count out of range, a full queue) when it refuses.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRunCommands(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource> apiKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(apiKey);
        return builder.WithHttpCommand("/runs", "Start a run", commandName: StartRunCommand, commandOptions: new HttpCommandOptions
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
            PrepareRequest = async context =>
            {
                context.Request.Headers.Add("X-Api-Key", await apiKey.Resource.GetValueAsync(context.CancellationToken));
                context.Request.Content = JsonContent.Create(RequestBody(context.Arguments));
            },
            GetCommandResult = async context =>
            {
                var body = await context.Response.Content.ReadAsStringAsync(context.CancellationToken);
                return context.Response.IsSuccessStatusCode
                    ? CommandResults.Success(StartedMessage(body))
                    : CommandResults.Failure($"{(int)context.Response.StatusCode} {context.Response.ReasonPhrase}: {ProblemText(body)}");
            },
        });
    }

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

    private static string StartedMessage(string body)
    {
        using var run = JsonDocument.Parse(body);
        var root = run.RootElement;
        return $"Run {root.GetProperty("id").GetString()} started: {root.GetProperty("requested").GetInt32()} users, seed {root.GetProperty("seed").GetString()}";
    }

    /// <summary>The problem's field errors, or its detail, or its title; the raw body when it is not a problem.</summary>
    internal static string ProblemText(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return body;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var messages = errors.EnumerateObject()
                    .SelectMany(field => field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(m => m.ToString()) : [field.Value.ToString()])
                    .ToList();
                if (messages.Count > 0)
                    return string.Join(" ", messages);
            }
            foreach (var name in new[] { "detail", "title" })
                if (root.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                    return text.GetString()!;
            return body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] + "…" : body;
        }
    }
}
