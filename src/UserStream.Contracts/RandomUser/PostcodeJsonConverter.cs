using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserStream.Contracts.RandomUser;

/// <summary>
/// randomuser.me sends postcodes as numbers for most nationalities and as strings for GB and CA.
/// We keep them as text, and write plain integers back as numbers so our source matches the real one.
/// </summary>
public sealed class PostcodeJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.TryGetInt64(out var n)
                ? n.ToString(CultureInfo.InvariantCulture)
                : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => throw new JsonException($"postcode must be a string or a number, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
            writer.WriteNullValue();
        else if (IsPlainInteger(value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            writer.WriteNumberValue(n);
        else
            writer.WriteStringValue(value);
    }

    private static bool IsPlainInteger(string value) =>
        value.Length is > 0 and < 18 && value[0] != '0' && value.All(char.IsAsciiDigit);
}
