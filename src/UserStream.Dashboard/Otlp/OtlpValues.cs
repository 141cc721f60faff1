using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using UserStream.Dashboard.Otlp.Wire;

namespace UserStream.Dashboard.Otlp;

/// <summary>Turns OTLP attribute values, ids and timestamps into the plain text and times the dashboard shows.</summary>
internal static class OtlpValues
{
    public const string UnknownService = "unknown_service";

    public static string Text(OtlpValue? value) => value?.KindCase switch
    {
        null or OtlpValue.KindOneofCase.None => "",
        OtlpValue.KindOneofCase.Text => value.Text,
        OtlpValue.KindOneofCase.Flag => value.Flag ? "true" : "false",
        OtlpValue.KindOneofCase.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
        OtlpValue.KindOneofCase.Real => value.Real.ToString("R", CultureInfo.InvariantCulture),
        OtlpValue.KindOneofCase.List => "[" + string.Join(", ", value.List.Items.Select(Text)) + "]",
        OtlpValue.KindOneofCase.Map => "{" + string.Join(", ", value.Map.Items.Select(a => a.Key + ": " + Text(a.Value))) + "}",
        OtlpValue.KindOneofCase.Raw => value.Raw.ToBase64(),
        _ => "",
    };

    public static IReadOnlyDictionary<string, string> Attributes(RepeatedField<OtlpAttribute> attributes)
    {
        var result = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        foreach (var attribute in attributes)
            result[attribute.Key] = Text(attribute.Value);
        return result;
    }

    public static string ServiceName(OtlpResource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name") is { } name && Text(name.Value) is { Length: > 0 } text
            ? text
            : UnknownService;

    public static DateTimeOffset Time(ulong unixNanos) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));

    /// <summary>Lower-case hex of an id of exactly <paramref name="length"/> bytes; empty stays null when allowed.</summary>
    public static string? Id(ByteString bytes, int length, string what, bool optional)
    {
        if (bytes.IsEmpty && optional)
            return null;
        if (bytes.Length != length)
            throw new OtlpPayloadException($"{what} must be {length} bytes, got {bytes.Length}.");
        return Convert.ToHexStringLower(bytes.Span);
    }
}
