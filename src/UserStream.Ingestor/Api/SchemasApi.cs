using Microsoft.AspNetCore.Http.HttpResults;
using UserStream.Contracts.Messages;

namespace UserStream.Ingestor.Api;

/// <summary>GET /schemas/{name}/{version}: the JSON Schema of a message the ingestor publishes, as Schema Registry serves one.</summary>
public static class SchemasApi
{
    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/schemas/{name}/{version}", GetSchema).WithTags("Schemas")
            .WithSummary("The JSON Schema of a message, e.g. /schemas/user-created/v1");
        return app;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> GetSchema(string name, string version)
    {
        var document = version.Length > 1 && version[0] == 'v' && int.TryParse(version.AsSpan(1), out var major) && major > 0
            && name.All(c => char.IsAsciiLetterLower(c) || c == '-')
            ? MessageSchema.Document(name, major)
            : null;
        return document is { } schema
            ? TypedResults.File(schema.ToArray(), MessageSchema.SchemaContentType)
            : TypedResults.Problem(title: "Schema not found",
                detail: $"No schema '{Shorten(name)}/{Shorten(version)}'; this ingestor publishes {MessageSchema.UserCreatedV1}.",
                statusCode: StatusCodes.Status404NotFound);
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
