namespace UserStream.Ingestor.Ledger;

/// <summary>A message waiting in the outbox: the Kafka key and value, and the trace it belongs to.</summary>
public sealed record OutboxMessage(string Key, byte[] Payload, string? TraceParent, string? TraceState);
