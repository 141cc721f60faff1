namespace UserStream.Ingestor.Ledger;

/// <summary>
/// The identity under which one ingestor process claims runs in the ledger (<c>claimed_by</c>), and how long a claim
/// lasts unless it is renewed (<c>lease_until</c>). A run queued or fetching whose lease ran out has no worker: any
/// ingestor's sweep may claim it, so runs survive a process that died, and several ingestors can share one ledger.
/// </summary>
public sealed record RunOwner(Guid Id, TimeSpan Lease)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    /// <summary>A new owner: each process start is one.</summary>
    public static RunOwner New(TimeSpan? lease = null) => new(Guid.NewGuid(), lease is { } l && l > TimeSpan.Zero ? l : DefaultLease);
}
