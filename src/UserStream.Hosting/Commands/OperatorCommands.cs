using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>What every operator command shares: the API key on the request, and the service's answer as the result.</summary>
internal static class OperatorCommands
{
    /// <summary>
    /// Completes <paramref name="options"/>: the request carries the key in <c>X-Api-Key</c> (after <paramref name="prepare"/>,
    /// when given); a success is shown as <paramref name="describe"/> makes it of the JSON answer, a refusal as the
    /// status and the service's own words.
    /// </summary>
    public static HttpCommandOptions WithKey(this HttpCommandOptions options, IResourceBuilder<ParameterResource> apiKey,
        Func<HttpCommandResultContext, JsonElement, string> describe, Action<HttpCommandRequestContext>? prepare = null)
    {
        options.PrepareRequest = async context =>
        {
            context.Request.Headers.Add("X-Api-Key", await apiKey.Resource.GetValueAsync(context.CancellationToken));
            prepare?.Invoke(context);
        };
        options.GetCommandResult = async context =>
        {
            var body = await context.Response.Content.ReadAsStringAsync(context.CancellationToken);
            if (!context.Response.IsSuccessStatusCode)
                return CommandResults.Failure($"{(int)context.Response.StatusCode} {context.Response.ReasonPhrase}: {ProblemText(body)}");
            using var answer = JsonDocument.Parse(body);
            return CommandResults.Success(describe(context, answer.RootElement));
        };
        return options;
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
