using UserStream.Contracts.RandomUser;

namespace UserStream.Ingestor.Source;

/// <summary>
/// One page from the source. Records that could not even be read are kept apart with their reason,
/// so one malformed record is counted as invalid instead of failing the whole run.
/// </summary>
public sealed record FetchedPage(IReadOnlyList<RandomUserRecord> Records, IReadOnlyList<string> UnreadableReasons)
{
    public int Count => Records.Count + UnreadableReasons.Count;
}
