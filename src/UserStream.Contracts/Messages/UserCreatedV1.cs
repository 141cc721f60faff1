using System.Text.Json.Serialization;
using UserStream.Contracts.RandomUser;

namespace UserStream.Contracts.Messages;

/// <summary>
/// The value of a <c>users_created</c> message, schema <c>user-created/v1</c>: one validated user as
/// the source returned it, plus where and when the ingestor took it in.
/// </summary>
public sealed record UserCreatedV1(
    [property: JsonPropertyName("runId")] Guid RunId,
    [property: JsonPropertyName("ingestedAt")] DateTimeOffset IngestedAt,
    [property: JsonPropertyName("user")] RandomUserRecord User);
