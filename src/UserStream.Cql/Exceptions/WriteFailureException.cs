namespace UserStream.Cql;

/// <summary>Replicas failed a write (code 0x1500).</summary>
public sealed class WriteFailureException(string serverMessage, ConsistencyLevel consistency, int receivedAcknowledgements, int requiredAcknowledgements, int failures, string writeType)
    : QueryExecutionException(ServerErrorCode.WriteFailure, serverMessage)
{
    /// <summary>The consistency level of the failed write.</summary>
    public ConsistencyLevel Consistency { get; } = consistency;

    /// <summary>Acknowledgements received.</summary>
    public int ReceivedAcknowledgements { get; } = receivedAcknowledgements;

    /// <summary>Acknowledgements required.</summary>
    public int RequiredAcknowledgements { get; } = requiredAcknowledgements;

    /// <summary>Replicas that failed.</summary>
    public int Failures { get; } = failures;

    /// <summary>The kind of write (SIMPLE, BATCH, …).</summary>
    public string WriteType { get; } = writeType;
}
