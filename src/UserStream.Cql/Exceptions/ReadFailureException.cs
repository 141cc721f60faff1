namespace UserStream.Cql;

/// <summary>Replicas failed a read (code 0x1300).</summary>
public sealed class ReadFailureException(string serverMessage, ConsistencyLevel consistency, int receivedAcknowledgements, int requiredAcknowledgements, int failures, bool wasDataRetrieved)
    : QueryExecutionException(ServerErrorCode.ReadFailure, serverMessage)
{
    /// <summary>The consistency level of the failed read.</summary>
    public ConsistencyLevel Consistency { get; } = consistency;

    /// <summary>Replica answers received.</summary>
    public int ReceivedAcknowledgements { get; } = receivedAcknowledgements;

    /// <summary>Replica answers required.</summary>
    public int RequiredAcknowledgements { get; } = requiredAcknowledgements;

    /// <summary>Replicas that failed.</summary>
    public int Failures { get; } = failures;

    /// <summary>Whether the replica asked for data answered.</summary>
    public bool WasDataRetrieved { get; } = wasDataRetrieved;
}
