namespace UserStream.Ingestor.Runs;

/// <summary>One row of the run ledger, as GET /runs shows it.</summary>
public sealed record IngestionRun(
    Guid Id,
    string Trigger,
    string Seed,
    int Requested,
    int Fetched,
    int Valid,
    int Invalid,
    int Published,
    string Status,
    string? Error,
    IReadOnlyDictionary<string, int> InvalidReasons,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FetchedAt,
    DateTimeOffset? FinishedAt);
