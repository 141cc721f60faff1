using UserStream.Source.Generation;

namespace UserStream.Source.Api;

/// <summary>A valid <c>GET /api/</c> query: what to generate and which fields to return.</summary>
/// <param name="SeedWasGiven">False when the seed was made up for this request (reported back in info.seed).</param>
public sealed record RandomUserQuery(GenerationRequest Generation, UserFields Fields, bool SeedWasGiven);
