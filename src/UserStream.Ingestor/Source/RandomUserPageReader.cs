using System.Text.Json;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;

namespace UserStream.Ingestor.Source;

/// <summary>
/// Reads a randomuser.me response body record by record, in one pass over the bytes: each record is
/// deserialized straight from the reader (no document of the whole page is built first), and one that
/// cannot be read is skipped and counted with its reason.
/// </summary>
public static class RandomUserPageReader
{
    /// <exception cref="SourceUnavailableException">the body is not a randomuser page at all.</exception>
    public static FetchedPage Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return ReadPage(body);
        }
        catch (JsonException e)
        {
            throw new SourceUnavailableException($"source answered malformed JSON: {e.Message}", e);
        }
    }

    private static FetchedPage ReadPage(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read())
            throw new JsonException("the body is empty");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new SourceUnavailableException($"source answered a JSON {Kind(reader.TokenType)}, not an object");

        FetchedPage? page = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                var error = JsonElement.ParseValue(ref reader);
                throw new SourceUnavailableException($"source reported an error: {error}");
            }
            var isResults = reader.ValueTextEquals("results"u8);
            reader.Read();
            if (isResults && reader.TokenType == JsonTokenType.StartArray)
                page = ReadResults(ref reader);
            else
                reader.Skip();
        }
        reader.Read(); // past the page's end: anything but whitespace there is malformed JSON
        return page ?? throw new SourceUnavailableException("source answer has no \"results\" array");
    }

    /// <summary>From the results array's start to its end.</summary>
    private static FetchedPage ReadResults(ref Utf8JsonReader reader)
    {
        var records = new List<RandomUserRecord>();
        var unreadable = new List<string>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = reader;
            try
            {
                var record = JsonSerializer.Deserialize<RandomUserRecord>(ref reader, ContractJson.Options);
                if (record is null)
                    unreadable.Add($"unreadable record: results[{index}] is null");
                else
                    records.Add(record);
            }
            catch (JsonException e)
            {
                // Back to the record's start and past it; a body broken beyond this record fails the page here.
                unreadable.Add($"unreadable record: results[{index}]: {e.Message}");
                reader = start;
                reader.Skip();
            }
            index++;
        }
        return new FetchedPage(records, unreadable);
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "Array",
        JsonTokenType.String => "String",
        JsonTokenType.Number => "Number",
        JsonTokenType.True or JsonTokenType.False => "Boolean",
        JsonTokenType.Null => "Null",
        _ => token.ToString(),
    };
}
