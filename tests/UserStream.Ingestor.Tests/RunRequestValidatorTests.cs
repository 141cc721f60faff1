using UserStream.Ingestor.Api;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

public class RunRequestValidatorTests
{
    [Fact]
    public void Count_and_optional_seed_are_accepted()
    {
        Assert.Empty(RunRequestValidator.Validate(new StartRunRequest(100, null), 1000));
        Assert.Empty(RunRequestValidator.Validate(new StartRunRequest(1000, "abc-123_X"), 1000));
    }

    [Theory]
    [InlineData(null, null, "count")]
    [InlineData(0, null, "count")]
    [InlineData(1001, null, "count")]
    [InlineData(10, "", "seed")]
    [InlineData(10, "has space", "seed")]
    [InlineData(10, "semi;colon", "seed")]
    public void Bad_fields_are_named(int? count, string? seed, string field) =>
        Assert.Contains(field, RunRequestValidator.Validate(new StartRunRequest(count, seed), 1000).Keys);

    [Fact]
    public void Missing_body_is_reported() =>
        Assert.Contains("body", RunRequestValidator.Validate(null, 1000).Keys);
}
