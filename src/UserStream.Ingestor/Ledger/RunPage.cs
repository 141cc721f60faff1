
namespace UserStream.Ingestor.Ledger;

/// <summary>
/// One validated page of a run, as it is committed: its 1-based number, how many records the source
/// returned, how many of them were invalid and why (problems counted by kind), and the valid users' messages.
/// <see cref="Token"/> names this write of the page: recorded again after a lost reply, the ledger recognises a
/// commit that did get through (see <see cref="RunLedger.RecordPageAsync"/>).
/// </summary>
public sealed record RunPage(int Number, int Fetched, int Invalid, IReadOnlyDictionary<string, int> InvalidReasons, IReadOnlyList<OutboxMessage> Messages)
{
    public Guid Token { get; init; } = Guid.NewGuid();
}
