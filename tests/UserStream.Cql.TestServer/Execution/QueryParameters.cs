using UserStream.Cql.TestServer.Protocol;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>The &lt;query_parameters&gt; part of QUERY and EXECUTE.</summary>
internal sealed record QueryParameters(
    short Consistency,
    IReadOnlyList<BoundValue> Values,
    IReadOnlyList<string>? ValueNames,
    bool SkipMetadata,
    int PageSize,
    byte[]? PagingState)
{
    private const byte WithValues = 0x01;
    private const byte WithSkipMetadata = 0x02;
    private const byte WithPageSize = 0x04;
    private const byte WithPagingState = 0x08;
    private const byte WithSerialConsistency = 0x10;
    private const byte WithDefaultTimestamp = 0x20;
    private const byte WithNamesForValues = 0x40;

    public static QueryParameters Read(BodyReader reader)
    {
        var consistency = reader.ReadShort();
        var flags = reader.ReadByte();
        if ((flags & 0x80) != 0) throw new ProtocolViolationException($"unknown query flags 0x{flags:x2}");
        var values = new List<BoundValue>();
        List<string>? names = null;
        if ((flags & WithValues) != 0)
        {
            var count = reader.ReadUnsignedShort();
            if ((flags & WithNamesForValues) != 0) names = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                names?.Add(reader.ReadString().ToLowerInvariant());
                values.Add(reader.ReadValue());
            }
        }
        var pageSize = (flags & WithPageSize) != 0 ? reader.ReadInt() : -1;
        var pagingState = (flags & WithPagingState) != 0 ? reader.ReadBytes() : null;
        if ((flags & WithSerialConsistency) != 0) reader.ReadShort();
        if ((flags & WithDefaultTimestamp) != 0) reader.ReadLong();
        return new QueryParameters(consistency, values, names, (flags & WithSkipMetadata) != 0, pageSize, pagingState);
    }
}
