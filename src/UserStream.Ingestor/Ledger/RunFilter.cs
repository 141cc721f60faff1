namespace UserStream.Ingestor.Ledger;

/// <summary>
/// Which runs GET /runs lists: by status, by trigger, and by when they were requested (<c>created_at</c>, from
/// inclusive, to exclusive). A null part matches every run.
/// </summary>
public sealed record RunFilter(string? Status = null, string? Trigger = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public static readonly RunFilter None = new();
}
