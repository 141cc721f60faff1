using System.Buffers.Text;
using System.Security.Cryptography;
using UserStream.Testing;
using UserStream.UserStore;
using UserStream.UserStore.Cassandra;

namespace UserStream.Cql.Tests.Cassandra;

/// <summary>Page tokens are signed with the configured key: only a holder of it (or, for a while, of the previous one) makes one.</summary>
public sealed class CassandraPageTokenTests
{
    private const string Key = "the-page-token-key-of-this-deployment";
    private const string OtherKey = "another-deployment-page-token-key-0000";
    private static readonly byte[] PagingState = [0x00, 0x10, 0xca, 0xfe, 0xba, 0xbe, 0x42];

    [Fact]
    public void A_token_round_trips_under_its_key_and_is_refused_under_another()
    {
        var token = Tokens(Key).Encode(PagingState);

        Assert.Equal(PagingState, Tokens(Key).Decode(token));
        Assert.Throws<InvalidPageTokenException>(() => Tokens(OtherKey).Decode(token));
    }

    [Fact]
    public void A_token_forged_with_the_constant_key_of_earlier_versions_is_refused()
    {
        // Before the key came from configuration, the tag was HMAC-SHA256 keyed with this public constant.
        var body = new byte[1 + PagingState.Length];
        body[0] = 1;
        PagingState.CopyTo(body, 1);
        var forged = Base64Url.EncodeToString([.. body, .. HMACSHA256.HashData("UserStream.Cassandra.PageToken.v1"u8, body)[..8]]);

        Assert.Throws<InvalidPageTokenException>(() => Tokens(Key).Decode(forged));
        Assert.Throws<InvalidPageTokenException>(() => new CassandraPageToken(new CassandraUserStoreOptions()).Decode(forged));
    }

    [Fact]
    public void After_a_rotation_tokens_of_the_previous_key_are_accepted_for_the_window_and_refused_after()
    {
        var old = Tokens(OtherKey).Encode(PagingState);
        var clock = new ManualTimeProvider();
        var rotated = new CassandraPageToken(
            new CassandraUserStoreOptions { PageTokenKey = Key, PreviousPageTokenKey = OtherKey, PreviousPageTokenKeyWindow = TimeSpan.FromMinutes(10) }, clock);

        Assert.Equal(PagingState, rotated.Decode(old));
        Assert.Equal(PagingState, rotated.Decode(rotated.Encode(PagingState)));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Throws<InvalidPageTokenException>(() => rotated.Decode(old));
        Assert.Equal(PagingState, rotated.Decode(rotated.Encode(PagingState)));
    }

    [Fact]
    public void Without_a_configured_key_each_store_signs_with_a_random_key_of_its_own()
    {
        var token = new CassandraPageToken(new CassandraUserStoreOptions()).Encode(PagingState);
        Assert.Throws<InvalidPageTokenException>(() => new CassandraPageToken(new CassandraUserStoreOptions()).Decode(token));
    }

    [Fact]
    public void A_key_too_short_to_be_a_secret_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => Tokens("short"));
        Assert.Contains("UserStore:Cassandra:PageTokenKey", error.Message, StringComparison.Ordinal);
    }

    private static CassandraPageToken Tokens(string key) => new(new CassandraUserStoreOptions { PageTokenKey = key });
}
