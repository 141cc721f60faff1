using UserStream.Contracts.Messages;
using UserStream.Testing;

namespace UserStream.Processor.Tests;

public class MessageSchemaTests
{
    [Theory]
    [InlineData("user-created/v1", "user-created", 1)]
    [InlineData("user-created/v1.3", "user-created", 1)]
    [InlineData("user-created/v2", "user-created", 2)]
    [InlineData("org/user-created/v10", "org/user-created", 10)]
    public void Parses_name_and_major_version(string schema, string name, int major)
    {
        Assert.True(MessageSchema.TryParse(schema, out var parsedName, out var parsedMajor));
        Assert.Equal(name, parsedName);
        Assert.Equal(major, parsedMajor);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user-created")]
    [InlineData("user-created/1")]
    [InlineData("user-created/v")]
    [InlineData("user-created/vX")]
    [InlineData("/v1")]
    public void Rejects_text_that_is_not_name_slash_version(string? schema) =>
        Assert.False(MessageSchema.TryParse(schema, out _, out _));
}
