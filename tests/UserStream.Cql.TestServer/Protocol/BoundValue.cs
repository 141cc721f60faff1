namespace UserStream.Cql.TestServer.Protocol;

/// <summary>A [value] sent by a client: bytes, null, or "not set" (leave the column untouched).</summary>
internal readonly record struct BoundValue(byte[]? Bytes, bool IsNotSet)
{
    public static readonly BoundValue Null = new(null, false);
    public static readonly BoundValue NotSet = new(null, true);

    public static BoundValue Of(byte[] bytes) => new(bytes, false);

    public bool IsNull => Bytes is null && !IsNotSet;
}
