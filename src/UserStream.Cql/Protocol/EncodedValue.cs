namespace UserStream.Cql.Protocol;

/// <summary>A bound value already serialized for the wire: bytes, null, or "unset" (leave the column untouched).</summary>
internal readonly record struct EncodedValue(byte[]? Bytes, bool IsUnset)
{
    public static readonly EncodedValue Null = new(null, false);
    public static readonly EncodedValue Unset = new(null, true);

    public static EncodedValue Of(byte[] bytes) => new(bytes, false);
}
