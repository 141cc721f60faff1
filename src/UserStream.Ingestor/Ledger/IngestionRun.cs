namespace UserStream.Ingestor.Ledger;

/// <summary>
/// One row of the run ledger, as GET /runs shows it. While a run is fetching, <see cref="PagesFetched"/>,
/// <see cref="Fetched"/>, <see cref="Valid"/>, <see cref="Invalid"/> and <see cref="InvalidReasons"/> are its
/// progress so far: each source page is committed with them. <see cref="Published"/> counts the users the broker has
/// acknowledged; <see cref="PublishFailed"/> the outbox rows it refused for good (by error code in
/// <see cref="PublishFailedReasons"/>): a run is completed when the two add up to <see cref="Valid"/>.
/// <see cref="ScheduledFor"/> is the cron slot a scheduled run stands for (null for the interval schedule and POST /runs).
/// <see cref="Attempt"/> counts its attempts (retries, automatic or asked for); while <c>retrying</c>, <see cref="RetryAt"/>
/// is when the next one starts and <see cref="Error"/> what failed the last.
/// </summary>
public sealed record IngestionRun(
    Guid Id,
    string Trigger,
    string Seed,
    int Requested,
    int PagesFetched,
    int Fetched,
    int Valid,
    int Invalid,
    int Published,
    int PublishFailed,
    string Status,
    string? Error,
    IReadOnlyDictionary<string, int> InvalidReasons,
    IReadOnlyDictionary<string, int> PublishFailedReasons,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FetchedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ScheduledFor = null,
    int Attempt = 1,
    DateTimeOffset? RetryAt = null);
