namespace UserStream.Ingestor.Ledger;

/// <summary>PostgreSQL stayed unreachable (or kept failing transiently) for longer than the outage limit.</summary>
public sealed class LedgerUnavailableException(string message, Exception inner) : Exception(message, inner);
