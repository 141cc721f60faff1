using System.Text;
using System.Text.Json;
using Json.Schema;
using UserStream.Contracts.Messages;

namespace UserStream.Processor.Tests.Contract;

/// <summary>The user-created/v1 JSON Schema as an independent validator (JsonSchema.Net) reads it, formats checked.</summary>
internal static class UserCreatedSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => Build(Encoding.UTF8.GetString(MessageSchema.UserCreatedV1Document.Span)));

    private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static JsonSchema Build(string text) => JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>Whether the schema accepts <paramref name="message"/>, and the first errors it names when not.</summary>
    public static (bool Valid, string Errors) Evaluate(byte[] message)
    {
        using var document = JsonDocument.Parse(message);
        var results = Schema.Value.Evaluate(document.RootElement, Evaluation);
        var errors = results.Details?
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Take(3) ?? [];
        return (results.IsValid, string.Join("; ", errors));
    }
}
