namespace UserStream.Ingestor.Ledger;

/// <summary>
/// The life of a run: queued → fetching → publishing (valid users are in the outbox) → completed
/// (the broker has them all); fetching → retrying → queued again when an attempt failed with an error that may pass
/// (Ingestion:Retries); or failed, with the error, when the source could not be read.
/// </summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Fetching = "fetching";

    /// <summary>An attempt failed with an error that may pass; the run is attempted again at its <c>retryAt</c>.</summary>
    public const string Retrying = "retrying";
    public const string Publishing = "publishing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Every status, in the order a run goes through them.</summary>
    public static readonly IReadOnlyList<string> All = [Queued, Fetching, Retrying, Publishing, Completed, Failed];
}

/// <summary>What started a run.</summary>
public static class RunTrigger
{
    public const string Schedule = "schedule";
    public const string Api = "api";

    /// <summary>Every trigger.</summary>
    public static readonly IReadOnlyList<string> All = [Schedule, Api];
}
