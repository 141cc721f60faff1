using System.Text.Json.Serialization;

namespace UserStream.Contracts.RandomUser;

/// <summary>
/// One user as randomuser.me returns it. Every member is nullable: the source is outside our control,
/// so absence is reported by <see cref="RandomUserValidator"/> rather than by a deserialization crash.
/// </summary>
public sealed record RandomUserRecord
{
    [JsonPropertyName("gender")] public string? Gender { get; init; }
    [JsonPropertyName("name")] public PersonName? Name { get; init; }
    [JsonPropertyName("location")] public Location? Location { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("login")] public Login? Login { get; init; }
    [JsonPropertyName("dob")] public DatedAge? Dob { get; init; }
    [JsonPropertyName("registered")] public DatedAge? Registered { get; init; }
    [JsonPropertyName("phone")] public string? Phone { get; init; }
    [JsonPropertyName("cell")] public string? Cell { get; init; }
    [JsonPropertyName("id")] public NationalId? Id { get; init; }
    [JsonPropertyName("picture")] public Picture? Picture { get; init; }
    [JsonPropertyName("nat")] public string? Nat { get; init; }
}
