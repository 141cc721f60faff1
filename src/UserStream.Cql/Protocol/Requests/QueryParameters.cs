namespace UserStream.Cql.Protocol.Requests;

/// <summary>The parameters QUERY and EXECUTE share: consistency, values, paging, serial consistency, timestamp.</summary>
internal sealed record QueryParameters(
    ConsistencyLevel Consistency,
    IReadOnlyList<EncodedValue>? Values = null,
    IReadOnlyList<string>? ValueNames = null,
    int PageSize = 0,
    byte[]? PagingState = null,
    ConsistencyLevel? SerialConsistency = null,
    long? Timestamp = null)
{
    [Flags]
    private enum Flags : byte
    {
        Values = 0x01,
        SkipMetadata = 0x02,
        PageSize = 0x04,
        PagingState = 0x08,
        SerialConsistency = 0x10,
        DefaultTimestamp = 0x20,
        NamesForValues = 0x40,
    }

    public void Write(BodyWriter writer)
    {
        writer.WriteShort((ushort)Consistency);
        Flags flags = 0;
        if (Values is { Count: > 0 }) flags |= Flags.Values;
        if (ValueNames is { Count: > 0 }) flags |= Flags.NamesForValues;
        if (PageSize > 0) flags |= Flags.PageSize;
        if (PagingState is { Length: > 0 }) flags |= Flags.PagingState;
        if (SerialConsistency is not null) flags |= Flags.SerialConsistency;
        if (Timestamp is not null) flags |= Flags.DefaultTimestamp;
        writer.WriteByte((byte)flags);

        if (flags.HasFlag(Flags.Values))
        {
            writer.WriteShort((ushort)Values!.Count);
            for (var i = 0; i < Values.Count; i++)
            {
                if (flags.HasFlag(Flags.NamesForValues)) writer.WriteString(ValueNames![i]);
                writer.WriteValue(Values[i]);
            }
        }
        if (flags.HasFlag(Flags.PageSize)) writer.WriteInt(PageSize);
        if (flags.HasFlag(Flags.PagingState)) writer.WriteBytes(PagingState);
        if (SerialConsistency is { } serial) writer.WriteShort((ushort)serial);
        if (Timestamp is { } timestamp) writer.WriteLong(timestamp);
    }
}
