namespace UserStream.Processor.DeadLetters;

/// <summary>
/// One record of the dead-letter topic as GET /dead-letters shows it: where it sits, why it is there, where it came
/// from, and the original key and value, as text when they are UTF-8 and in base64 otherwise.
/// </summary>
public sealed record DeadLetter(
    int Partition,
    long Offset,
    string? Reason,
    string? Detail,
    string? Source,
    string? Key,
    string? KeyBase64,
    string? Value,
    string? ValueBase64,
    bool Truncated,
    string? ReplayedFrom,
    DateTimeOffset Timestamp);

/// <summary>A page of dead letters, and the token of the next page (null after the last).</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, string? NextPageToken);

/// <summary>What a replay did: dead letters published again to the topic, and those it could not (cut down when dead-lettered).</summary>
public sealed record ReplayResult(int Replayed, int SkippedTruncated, string Topic);
