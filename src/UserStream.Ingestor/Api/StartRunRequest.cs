namespace UserStream.Ingestor.Api;

/// <summary>Body of POST /runs: how many users to fetch, and optionally the seed (the same seed gives the same users).</summary>
public sealed record StartRunRequest(int? Count, string? Seed);
