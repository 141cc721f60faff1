using System.Text.Json.Serialization;

namespace UserStream.Contracts.RandomUser;

/// <summary>The body of <c>GET /api/</c> on randomuser.me (API version 1.4) and on our compatible source.</summary>
public sealed record RandomUserResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<RandomUserRecord> Results,
    [property: JsonPropertyName("info")] RandomUserInfo Info);

public sealed record RandomUserInfo(
    [property: JsonPropertyName("seed")] string Seed,
    [property: JsonPropertyName("results")] int Results,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("version")] string Version);
