namespace UserStream.Cql;

/// <summary>Kinds of BATCH; values are the protocol's batch type bytes.</summary>
public enum BatchType : byte
{
    /// <summary>Atomic through the batch log.</summary>
    Logged = 0,
    /// <summary>No batch log: cheaper, not atomic across partitions.</summary>
    Unlogged = 1,
    /// <summary>Counter updates only.</summary>
    Counter = 2,
}
