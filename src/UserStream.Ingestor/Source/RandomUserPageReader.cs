using System.Text.Json;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;

namespace UserStream.Ingestor.Source;

/// <summary>Reads a randomuser.me response body record by record.</summary>
public static class RandomUserPageReader
{
    /// <exception cref="SourceUnavailableException">the body is not a randomuser page at all.</exception>
    public static FetchedPage Read(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            throw new SourceUnavailableException($"source answered malformed JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SourceUnavailableException($"source answered a JSON {root.ValueKind}, not an object");
            if (root.TryGetProperty("error", out var error))
                throw new SourceUnavailableException($"source reported an error: {error}");
            if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                throw new SourceUnavailableException("source answer has no \"results\" array");

            var records = new List<RandomUserRecord>(results.GetArrayLength());
            var unreadable = new List<string>();
            var index = 0;
            foreach (var element in results.EnumerateArray())
            {
                try
                {
                    var record = element.Deserialize<RandomUserRecord>(ContractJson.Options);
                    if (record is null)
                        unreadable.Add($"unreadable record: results[{index}] is null");
                    else
                        records.Add(record);
                }
                catch (JsonException e)
                {
                    unreadable.Add($"unreadable record: results[{index}]: {e.Message}");
                }
                index++;
            }
            return new FetchedPage(records, unreadable);
        }
    }
}
