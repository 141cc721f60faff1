using System.Buffers.Text;
using System.Security.Cryptography;

namespace UserStream.UserStore.Cassandra;

/// <summary>
/// The opaque page token of the Cassandra store: a format byte, the server's paging state and a
/// short checksum, base64url-encoded. The checksum makes altered or foreign tokens fail here with
/// <see cref="InvalidPageTokenException"/> instead of reaching the server as a bad paging state.
/// </summary>
public static class CassandraPageToken
{
    private const byte FormatV1 = 1;
    private const int ChecksumLength = 8;
    private const int MaxPagingStateLength = 4096;
    private static readonly byte[] Purpose = "UserStream.Cassandra.PageToken.v1"u8.ToArray();

    public static string Encode(ReadOnlySpan<byte> pagingState)
    {
        var bytes = new byte[1 + pagingState.Length + ChecksumLength];
        bytes[0] = FormatV1;
        pagingState.CopyTo(bytes.AsSpan(1));
        Checksum(bytes.AsSpan(0, 1 + pagingState.Length)).CopyTo(bytes.AsSpan(1 + pagingState.Length));
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="InvalidPageTokenException">the text is not a token this store issued.</exception>
    public static byte[] Decode(string token)
    {
        if (token.Length is 0 || token.Length > Base64Url.GetEncodedLength(1 + MaxPagingStateLength + ChecksumLength) || !Base64Url.IsValid(token))
            throw Invalid();
        var bytes = Base64Url.DecodeFromChars(token);
        if (bytes.Length < 1 + 1 + ChecksumLength || bytes[0] != FormatV1)
            throw Invalid();
        var body = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (!CryptographicOperations.FixedTimeEquals(Checksum(body), bytes.AsSpan(bytes.Length - ChecksumLength)))
            throw Invalid();
        return bytes[1..^ChecksumLength];
    }

    private static byte[] Checksum(ReadOnlySpan<byte> body)
    {
        var hash = HMACSHA256.HashData(Purpose, body);
        return hash[..ChecksumLength];
    }

    private static InvalidPageTokenException Invalid() =>
        new("pageToken is not a token returned by this API; start again without it.");
}
