using System.Text;
using UserStream.Ingestor.Source;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

public class RandomUserPageReaderTests
{
    private static FetchedPage Read(string json) => RandomUserPageReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_numeric_and_text_postcodes_as_text()
    {
        var page = Read("""
            {"results":[{"location":{"postcode":63104}},{"location":{"postcode":"SW1A 1AA"}}],
             "info":{"seed":"s","results":2,"page":1,"version":"1.4"}}
            """);
        Assert.Equal(["63104", "SW1A 1AA"], page.Records.Select(r => r.Location!.Postcode));
    }

    [Fact]
    public void A_malformed_record_is_counted_and_the_others_are_kept()
    {
        var page = Read("""{"results":[{"email":"a@b.c"},{"dob":{"date":"not a date"}},null,{"email":"d@e.f"}]}""");
        Assert.Equal(2, page.Records.Count);
        Assert.Equal(2, page.UnreadableReasons.Count);
        Assert.All(page.UnreadableReasons, r => Assert.StartsWith("unreadable record: results[", r));
        Assert.Equal(4, page.Count);
    }

    [Theory]
    [InlineData("<html>busy</html>", "malformed JSON")]
    [InlineData("{\"results\":[]} and then some", "malformed JSON")]
    [InlineData("[]", "not an object")]
    [InlineData("{\"info\":{}}", "no \"results\" array")]
    [InlineData("{\"error\":\"Uh oh, something has gone wrong.\"}", "Uh oh")]
    public void A_body_that_is_not_a_randomuser_page_fails_with_the_reason(string body, string expected)
    {
        var error = Assert.Throws<SourceUnavailableException>(() => Read(body));
        Assert.Contains(expected, error.Message);
    }
}
