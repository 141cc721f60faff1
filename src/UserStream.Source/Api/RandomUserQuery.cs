using UserStream.Source.Generation;

namespace UserStream.Source.Api;

/// <summary>A valid <c>GET /api/</c> query: what to generate and which fields to return.</summary>
public sealed record RandomUserQuery(GenerationRequest Generation, UserFields Fields);
