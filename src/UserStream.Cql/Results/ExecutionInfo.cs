namespace UserStream.Cql;

/// <summary>Where and how a request ran.</summary>
public sealed class ExecutionInfo
{
    internal ExecutionInfo(string queriedHost, IReadOnlyList<string> warnings, Guid? tracingId)
    {
        QueriedHost = queriedHost;
        Warnings = warnings;
        TracingId = tracingId;
    }

    /// <summary>The host (address:port) that coordinated the request.</summary>
    public string QueriedHost { get; }

    /// <summary>Warnings the server attached to the response.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The server-side trace id, when tracing was on.</summary>
    public Guid? TracingId { get; }
}
