using System.Text.Json.Serialization;

namespace UserStream.Contracts.RandomUser;

public sealed record PersonName(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("first")] string? First,
    [property: JsonPropertyName("last")] string? Last);

public sealed record Location
{
    [JsonPropertyName("street")] public Street? Street { get; init; }
    [JsonPropertyName("city")] public string? City { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }

    /// <summary>A JSON number for most nationalities, a string for GB and CA (as on randomuser.me).</summary>
    [JsonPropertyName("postcode"), JsonConverter(typeof(PostcodeJsonConverter))]
    public string? Postcode { get; init; }

    [JsonPropertyName("coordinates")] public Coordinates? Coordinates { get; init; }
    [JsonPropertyName("timezone")] public TimeZoneInfoDto? Timezone { get; init; }
}

public sealed record Street(
    [property: JsonPropertyName("number")] int? Number,
    [property: JsonPropertyName("name")] string? Name);

public sealed record Coordinates(
    [property: JsonPropertyName("latitude")] string? Latitude,
    [property: JsonPropertyName("longitude")] string? Longitude);

public sealed record TimeZoneInfoDto(
    [property: JsonPropertyName("offset")] string? Offset,
    [property: JsonPropertyName("description")] string? Description);

public sealed record Login
{
    [JsonPropertyName("uuid")] public string? Uuid { get; init; }
    [JsonPropertyName("username")] public string? Username { get; init; }
    [JsonPropertyName("password")] public string? Password { get; init; }
    [JsonPropertyName("salt")] public string? Salt { get; init; }
    [JsonPropertyName("md5")] public string? Md5 { get; init; }
    [JsonPropertyName("sha1")] public string? Sha1 { get; init; }
    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }
}

public sealed record DatedAge(
    [property: JsonPropertyName("date")] DateTimeOffset? Date,
    [property: JsonPropertyName("age")] int? Age);

public sealed record NationalId(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("value")] string? Value);

public sealed record Picture(
    [property: JsonPropertyName("large")] string? Large,
    [property: JsonPropertyName("medium")] string? Medium,
    [property: JsonPropertyName("thumbnail")] string? Thumbnail);
