using System.Diagnostics;
using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Runs;

/// <summary>A run waiting to be executed, with the trace context of whatever asked for it.</summary>
public sealed record RunRequest(IngestionRun Run, ActivityContext Parent);
