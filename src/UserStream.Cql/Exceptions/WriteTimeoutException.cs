namespace UserStream.Cql;

/// <summary>Replicas did not acknowledge a write before the server's timeout (code 0x1100).</summary>
public sealed class WriteTimeoutException(string serverMessage, ConsistencyLevel consistency, int receivedAcknowledgements, int requiredAcknowledgements, string writeType)
    : QueryExecutionException(ServerErrorCode.WriteTimeout, serverMessage)
{
    /// <summary>The consistency level of the failed write.</summary>
    public ConsistencyLevel Consistency { get; } = consistency;

    /// <summary>Acknowledgements received.</summary>
    public int ReceivedAcknowledgements { get; } = receivedAcknowledgements;

    /// <summary>Acknowledgements required.</summary>
    public int RequiredAcknowledgements { get; } = requiredAcknowledgements;

    /// <summary>The kind of write: SIMPLE, BATCH, BATCH_LOG, UNLOGGED_BATCH, COUNTER, CAS, VIEW, CDC.</summary>
    public string WriteType { get; } = writeType;
}
