namespace UserStream.Cql;

/// <summary>Too few replicas alive for the requested consistency (code 0x1000).</summary>
public sealed class UnavailableException(string serverMessage, ConsistencyLevel consistency, int requiredReplicas, int aliveReplicas)
    : QueryExecutionException(ServerErrorCode.Unavailable, serverMessage)
{
    /// <summary>The consistency level of the failed request.</summary>
    public ConsistencyLevel Consistency { get; } = consistency;

    /// <summary>Replicas that had to be alive.</summary>
    public int RequiredReplicas { get; } = requiredReplicas;

    /// <summary>Replicas known alive.</summary>
    public int AliveReplicas { get; } = aliveReplicas;
}
