using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace UserStream.Dashboard.Otlp;

/// <summary>
/// Reads an OTLP/HTTP request body, or says why not: wrong content type (415), too large (413),
/// unreadable compression (400). The size bound applies after decompression.
/// </summary>
internal static class OtlpRequestBody
{
    public const string ProtobufContentType = "application/x-protobuf";

    public static async Task<(byte[]? Body, IResult? Rejection)> ReadAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (!IsProtobuf(request.ContentType))
            return (null, Reject(StatusCodes.Status415UnsupportedMediaType,
                $"UserStream's OTLP receiver accepts only {ProtobufContentType} (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf); got '{request.ContentType ?? "no content type"}'."));

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return (null, Reject(StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; send gzip or none."));
        if (!gzip && request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));

        // Our own bound decides, not Kestrel's default (30 MB).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = gzip ? null : maxBytes + 1;

        try
        {
            await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
            var body = await ReadAtMostAsync(source, maxBytes, context.RequestAborted);
            return body is null ? (null, TooLarge(maxBytes)) : (body, null);
        }
        catch (InvalidDataException)
        {
            return (null, Reject(StatusCodes.Status400BadRequest, "The gzip body could not be decompressed."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static bool IsProtobuf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole stream, or null as soon as it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream source, long maxBytes, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult TooLarge(long maxBytes) =>
        Reject(StatusCodes.Status413PayloadTooLarge, $"The OTLP payload is larger than the {maxBytes} bytes allowed (DashboardOptions.MaxPayloadBytes).");

    public static IResult Reject(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
