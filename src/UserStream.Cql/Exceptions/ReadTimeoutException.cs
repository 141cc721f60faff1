namespace UserStream.Cql;

/// <summary>Replicas did not answer a read before the server's timeout (code 0x1200).</summary>
public sealed class ReadTimeoutException(string serverMessage, ConsistencyLevel consistency, int receivedAcknowledgements, int requiredAcknowledgements, bool wasDataRetrieved)
    : QueryExecutionException(ServerErrorCode.ReadTimeout, serverMessage)
{
    /// <summary>The consistency level of the failed read.</summary>
    public ConsistencyLevel Consistency { get; } = consistency;

    /// <summary>Replica answers received.</summary>
    public int ReceivedAcknowledgements { get; } = receivedAcknowledgements;

    /// <summary>Replica answers required.</summary>
    public int RequiredAcknowledgements { get; } = requiredAcknowledgements;

    /// <summary>Whether the replica asked for data answered.</summary>
    public bool WasDataRetrieved { get; } = wasDataRetrieved;
}
