using UserStream.UserStore;
using UserStream.UserStore.Postgres;
using UserStream.Testing;

namespace UserStream.Api.Tests;

public class PostgresPageTokenTests
{
    [Fact]
    public void Token_round_trips_the_last_id()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, PostgresPageToken.Decode(PostgresPageToken.Encode(id)));
    }

    [Fact]
    public void Token_is_url_safe_and_does_not_show_the_id()
    {
        var id = Guid.NewGuid();
        var token = PostgresPageToken.Encode(id);
        Assert.DoesNotContain(id.ToString("N"), token, StringComparison.OrdinalIgnoreCase);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not URL-safe"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("Ag7Y7m3YJ0K2yB9yP0Hb1Gc")] // right length, wrong format byte
    public void Foreign_tokens_are_rejected(string token) =>
        Assert.Throws<InvalidPageTokenException>(() => PostgresPageToken.Decode(token));

    [Fact]
    public void A_token_with_a_changed_format_byte_is_rejected()
    {
        var token = PostgresPageToken.Encode(Guid.NewGuid());
        var altered = (token[0] == 'A' ? 'B' : 'A') + token[1..];
        Assert.Throws<InvalidPageTokenException>(() => PostgresPageToken.Decode(altered));
    }
}
