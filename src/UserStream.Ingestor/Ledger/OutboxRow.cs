namespace UserStream.Ingestor.Ledger;

/// <summary>An outbox row claimed by the relay.</summary>
public sealed record OutboxRow(long Id, Guid RunId, string Key, byte[] Payload, string? TraceParent, string? TraceState);
