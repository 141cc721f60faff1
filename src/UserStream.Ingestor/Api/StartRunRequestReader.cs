using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace UserStream.Ingestor.Api;

/// <summary>
/// Reads the POST /runs body by hand rather than through parameter binding, so a body that is not JSON,
/// has the wrong shape or a field of the wrong type is a 400 naming the field, in every environment
/// (binding failures are exceptions, hence 500s, in Development).
/// </summary>
public sealed class StartRunRequestReader(IOptions<JsonOptions> jsonOptions)
{
    /// <summary>A run request is a few dozen bytes; anything much larger is not one.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public async Task<StartRunRequestResult> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return StartRunRequestResult.Rejected(StatusCodes.Status415UnsupportedMediaType, "content-type",
                $"The body must be JSON (Content-Type: application/json); got '{Shorten(request.ContentType ?? "none")}'.");
        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();

        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
            sizeLimit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<StartRunRequest>(request.Body, jsonOptions.Value.SerializerOptions, cancellationToken);
            return StartRunRequestResult.Read(body);
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // The reader's own error: the text is not JSON at all.
            return StartRunRequestResult.Invalid("body",
                $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); send e.g. {{\"count\": 100, \"seed\": \"abc\"}}.");
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return StartRunRequestResult.Invalid(field, field switch
            {
                "count" => "count must be a whole number, e.g. {\"count\": 100}.",
                "seed" => "seed must be a string, e.g. {\"seed\": \"abc\"}.",
                _ => "The body is not a JSON object of the form {\"count\": 100, \"seed\": \"abc\"}.",
            });
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
    }

    /// <summary>"$.count" → "count"; the root or a position inside an array → "body".</summary>
    private static string FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
            return "body";
        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        name = end < 0 ? name : name[..end];
        return name.Length == 0 ? "body" : JsonNamingPolicy.CamelCase.ConvertName(name);
    }

    private static StartRunRequestResult TooLarge() => StartRunRequestResult.Rejected(StatusCodes.Status413PayloadTooLarge, "body",
        $"The body is larger than {MaxBodyBytes} bytes; a run request is {{\"count\": 100, \"seed\": \"abc\"}}.");

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
