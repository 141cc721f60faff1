namespace UserStream.Ingestor.Ledger;

/// <summary>What <see cref="RunLedger.RecordPageAsync"/> did with a page.</summary>
public enum PageWrite
{
    /// <summary>The page and the run's progress were committed now.</summary>
    Written,

    /// <summary>This very write (same token) had been committed already, though its caller never heard so: nothing was written again.</summary>
    AlreadyWritten,

    /// <summary>The page is not the run's next one, or the run is no longer fetching: another execution got there first. Nothing was written.</summary>
    Refused,
}
