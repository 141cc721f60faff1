using System.Text;
using Confluent.Kafka;

namespace UserStream.Confluent.Kafka;

/// <summary>What a header holds, read as text.</summary>
public enum HeaderTextState
{
    /// <summary>No such header, or one with a null value (Kafka allows both; they mean the same).</summary>
    Absent,
    /// <summary>Valid UTF-8 (possibly empty).</summary>
    Text,
    /// <summary>Bytes that are not UTF-8.</summary>
    NotUtf8,
}

/// <summary>
/// Reads and writes text headers. Any producer may send a header with a null value or arbitrary bytes,
/// so reads never throw: a null value counts as absent, and bytes that are not UTF-8 are reported as such
/// rather than silently turned into replacement characters.
/// </summary>
public static class KafkaHeaderText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The last header named <paramref name="name"/> as text, and whether it was there and UTF-8.</summary>
    public static HeaderTextState TryGetText(this Headers? headers, string name, out string? text)
    {
        text = null;
        if (headers is null || !headers.TryGetLastBytes(name, out var bytes) || bytes is null)
            return HeaderTextState.Absent;
        try
        {
            text = StrictUtf8.GetString(bytes);
            return HeaderTextState.Text;
        }
        catch (DecoderFallbackException)
        {
            return HeaderTextState.NotUtf8;
        }
    }

    /// <summary>A header as UTF-8 text; null when it is absent, null-valued or not UTF-8.</summary>
    public static string? GetString(this Headers? headers, string name) =>
        headers.TryGetText(name, out var text) == HeaderTextState.Text ? text : null;

    /// <summary>Adds a UTF-8 text header.</summary>
    public static Headers AddString(this Headers headers, string name, string value)
    {
        headers.Add(name, Encoding.UTF8.GetBytes(value));
        return headers;
    }
}
