namespace UserStream.UserStore;

/// <summary>What a failed store write means for the batch that caused it (decided per store by <see cref="IUserStore.Classify"/>).</summary>
public enum StoreErrorKind
{
    /// <summary>The store is down, slow, busy or misconfigured: the same write can succeed later. Retry with backoff.</summary>
    Transient,

    /// <summary>The store answers but its schema is gone (a restore, a data loss): create it again, then retry.</summary>
    SchemaMissing,

    /// <summary>The store refused a value the batch carries; it will refuse it every time. Isolate the user and dead-letter it.</summary>
    Rejected,
}
