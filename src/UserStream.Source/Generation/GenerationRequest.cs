namespace UserStream.Source.Generation;

/// <summary>What to generate: one page of users for a seed, optionally of one gender and of chosen nationalities.</summary>
/// <param name="Seed">Any text; the same seed and page always give the same users.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="Results">How many users (1 to <see cref="RandomUserGenerator.MaxResults"/>).</param>
/// <param name="Gender">"male", "female", or null for both.</param>
/// <param name="Nationalities">Upper-case codes from <see cref="Nationalities.Codes"/>; empty for all.</param>
public sealed record GenerationRequest(
    string Seed,
    int Page,
    int Results,
    string? Gender,
    IReadOnlyList<string> Nationalities);
