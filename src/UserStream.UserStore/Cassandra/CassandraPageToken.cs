using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace UserStream.UserStore.Cassandra;

/// <summary>
/// The opaque page tokens of the Cassandra store: a format byte, the server's paging state and an HMAC-SHA256 tag
/// (8 bytes) under a secret key, base64url-encoded. Only a holder of the key can make a token, so an altered, forged or
/// foreign one fails here with <see cref="InvalidPageTokenException"/> and never reaches the server as a paging state.
/// The key comes from configuration (<see cref="CassandraUserStoreOptions.PageTokenKey"/>, which the AppHost generates
/// once per start and gives every api replica); after a rotation the previous key is still accepted for a while.
/// </summary>
public sealed class CassandraPageToken
{
    /// <summary>The fewest characters a key may have.</summary>
    public const int MinKeyLength = 32;

    private const byte FormatV1 = 1;
    private const int TagLength = 8;
    private const int MaxPagingStateLength = 4096;
    private static readonly byte[] Purpose = "UserStream.Cassandra.PageToken.v1"u8.ToArray();

    private readonly byte[] _key;
    private readonly byte[]? _previousKey;
    private readonly DateTimeOffset _previousKeyUntil;
    private readonly TimeProvider _time;

    /// <param name="options">The keys: <see cref="CassandraUserStoreOptions.PageTokenKey"/> (none: a random key that lives as long as this process) and the previous one.</param>
    /// <param name="time">The clock the previous key's window runs on.</param>
    /// <exception cref="ArgumentException">a key shorter than <see cref="MinKeyLength"/> characters.</exception>
    public CassandraPageToken(CassandraUserStoreOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        _key = options.PageTokenKey is null ? RandomNumberGenerator.GetBytes(32) : Key(options.PageTokenKey, nameof(options.PageTokenKey));
        _previousKey = options.PreviousPageTokenKey is null ? null : Key(options.PreviousPageTokenKey, nameof(options.PreviousPageTokenKey));
        _previousKeyUntil = _time.GetUtcNow() + options.PreviousPageTokenKeyWindow;
    }

    public string Encode(ReadOnlySpan<byte> pagingState)
    {
        var bytes = new byte[1 + pagingState.Length + TagLength];
        bytes[0] = FormatV1;
        pagingState.CopyTo(bytes.AsSpan(1));
        Tag(_key, bytes.AsSpan(0, 1 + pagingState.Length)).CopyTo(bytes.AsSpan(1 + pagingState.Length));
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="InvalidPageTokenException">the text is not a token made with this store's key (or, within its window, the previous key).</exception>
    public byte[] Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is 0 || token.Length > Base64Url.GetEncodedLength(1 + MaxPagingStateLength + TagLength) || !Base64Url.IsValid(token))
            throw Invalid();
        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length < 1 + 1 + TagLength || bytes[0] != FormatV1)
            throw Invalid();
        var body = bytes.AsSpan(0, bytes.Length - TagLength);
        var tag = bytes.AsSpan(bytes.Length - TagLength);
        var valid = CryptographicOperations.FixedTimeEquals(Tag(_key, body), tag)
            || (_previousKey is not null && _time.GetUtcNow() < _previousKeyUntil && CryptographicOperations.FixedTimeEquals(Tag(_previousKey, body), tag));
        return valid ? bytes[1..^TagLength] : throw Invalid();
    }

    private static byte[] Key(string text, string setting)
    {
        if (text.Length < MinKeyLength)
            throw new ArgumentException(
                $"UserStore:Cassandra:{setting} has {text.Length} characters; a page token key needs at least {MinKeyLength} (the AppHost generates one).", setting);
        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] Tag(byte[] key, ReadOnlySpan<byte> body)
    {
        var data = new byte[Purpose.Length + body.Length];
        Purpose.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(Purpose.Length));
        return HMACSHA256.HashData(key, data)[..TagLength];
    }

    private static InvalidPageTokenException Invalid() =>
        new("pageToken is not a token returned by this API; start again without it.");
}
