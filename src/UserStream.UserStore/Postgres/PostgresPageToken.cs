using System.Buffers.Text;

namespace UserStream.UserStore.Postgres;

/// <summary>
/// The opaque page token of the PostgreSQL store: a format byte and the last id of the previous page
/// (keyset paging by id), base64url-encoded. Rows written while a client pages never shift pages.
/// </summary>
public static class PostgresPageToken
{
    private const byte FormatV1 = 1;

    public static string Encode(Guid lastId)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = FormatV1;
        lastId.TryWriteBytes(bytes[1..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="InvalidPageTokenException">the text is not a token this store issued.</exception>
    public static Guid Decode(string token)
    {
        Span<byte> bytes = stackalloc byte[24];
        if (token.Length is 0 or > 32
            || !Base64Url.IsValid(token)
            || !Base64Url.TryDecodeFromChars(token, bytes, out var written)
            || written != 17
            || bytes[0] != FormatV1)
            throw new InvalidPageTokenException("pageToken is not a token returned by this API; start again without it.");
        return new Guid(bytes[1..17], bigEndian: true);
    }
}
