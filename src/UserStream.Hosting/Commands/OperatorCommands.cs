using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// The operator's commands: each sends the request a script would send to one instance of a service, with the API key,
/// and shows the service's answer. A command is sent to the instance it is invoked on, at the address of that instance
/// (its <c>ASPNETCORE_URLS</c>), not through the service's shared endpoint: behind that, DCP's proxy would pick any replica.
/// </summary>
internal static class OperatorCommands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Adds the command <paramref name="name"/>: <c>POST <paramref name="path"/></c> with <c>X-Api-Key</c> and, when
    /// <paramref name="body"/> is given, the JSON it makes of the inputs; a success is shown as <paramref name="describe"/>
    /// makes it of the instance's name and the JSON answer, a refusal as the status and the service's own words. Enabled
    /// while the instance is healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorCommand(this IResourceBuilder<ProjectResource> builder, string name, string displayName,
        string path, IResourceBuilder<ParameterResource> apiKey, CommandOptions options, Func<string, JsonElement, string> describe,
        Func<InteractionInputCollection?, Dictionary<string, object?>>? body = null)
    {
        options.UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
        return builder.WithCommand(name, displayName, async context =>
        {
            var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
            if (!notifications.TryGetCurrentState(context.ResourceName, out var state))
                return CommandResults.Failure($"{context.ResourceName} is not running.");
            var urls = state.Snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == "ASPNETCORE_URLS")?.Value;
            if (string.IsNullOrWhiteSpace(urls))
                return CommandResults.Failure($"{context.ResourceName} has no address yet.");
            using var http = new HttpClient { BaseAddress = new Uri(urls.Split(';')[0]), Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Add("X-Api-Key", await apiKey.Resource.GetValueAsync(context.CancellationToken));
            if (body is not null)
                request.Content = JsonContent.Create(body(context.Arguments));
            try
            {
                using var response = await http.SendAsync(request, context.CancellationToken);
                var text = await response.Content.ReadAsStringAsync(context.CancellationToken);
                if (!response.IsSuccessStatusCode)
                    return CommandResults.Failure($"{(int)response.StatusCode} {response.ReasonPhrase}: {ProblemText(text)}");
                using var answer = JsonDocument.Parse(text);
                return CommandResults.Success(describe(context.ResourceName, answer.RootElement));
            }
            catch (HttpRequestException e)
            {
                return CommandResults.Failure($"{context.ResourceName} did not answer: {e.Message}");
            }
        }, options);
    }

    /// <summary>The problem's field errors, or its detail, or its title; the raw body when it is not a problem.</summary>
    public static string ProblemText(string body)
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
