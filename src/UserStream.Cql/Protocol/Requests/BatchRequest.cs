namespace UserStream.Cql.Protocol.Requests;

/// <summary>One statement inside a BATCH: either CQL text or a prepared id, with positional values.</summary>
internal sealed record BatchEntry(string? Cql, byte[]? PreparedId, IReadOnlyList<EncodedValue> Values);

/// <summary>BATCH: several statements applied together.</summary>
internal sealed record BatchRequest(
    BatchType Type,
    IReadOnlyList<BatchEntry> Entries,
    ConsistencyLevel Consistency,
    ConsistencyLevel? SerialConsistency = null,
    long? Timestamp = null) : IRequest
{
    public Opcode Opcode => Opcode.Batch;

    public void WriteBody(BodyWriter writer)
    {
        writer.WriteByte((byte)Type);
        writer.WriteShort((ushort)Entries.Count);
        foreach (var entry in Entries)
        {
            if (entry.PreparedId is { } id)
            {
                writer.WriteByte(1);
                writer.WriteShortBytes(id);
            }
            else
            {
                writer.WriteByte(0);
                writer.WriteLongString(entry.Cql!);
            }
            writer.WriteShort((ushort)entry.Values.Count);
            foreach (var value in entry.Values) writer.WriteValue(value);
        }
        writer.WriteShort((ushort)Consistency);
        byte flags = 0;
        if (SerialConsistency is not null) flags |= 0x10;
        if (Timestamp is not null) flags |= 0x20;
        writer.WriteByte(flags);
        if (SerialConsistency is { } serial) writer.WriteShort((ushort)serial);
        if (Timestamp is { } timestamp) writer.WriteLong(timestamp);
    }
}
