namespace UserStream.Cql.Protocol.Responses;

/// <summary>Decodes a response frame into a message, reading the tracing id, warnings and custom payload first.</summary>
internal static class ResponseDecoder
{
    private const int VoidKind = 0x0001;
    private const int RowsKind = 0x0002;
    private const int SetKeyspaceKind = 0x0003;
    private const int PreparedKind = 0x0004;
    private const int SchemaChangeKind = 0x0005;

    /// <param name="frame">The frame.</param>
    /// <param name="knownColumns">Result columns to use when the server skipped the metadata (prepared statements).</param>
    public static Response Decode(Frame frame, IReadOnlyList<CqlColumn>? knownColumns = null)
    {
        if (frame.Flags.HasFlag(FrameFlags.Compression))
            throw new FrameDecodingException("The server sent a compressed frame, but this client never asks for compression.");
        var reader = new BodyReader(frame.Body);
        Guid? tracingId = frame.Flags.HasFlag(FrameFlags.Tracing) ? reader.ReadUuid() : null;
        var warnings = frame.Flags.HasFlag(FrameFlags.Warning) ? reader.ReadStringList() : [];
        if (frame.Flags.HasFlag(FrameFlags.CustomPayload)) reader.ReadBytesMap();

        Response message = frame.Opcode switch
        {
            Opcode.Error => new ErrorResponse(ErrorDecoder.Decode(reader)),
            Opcode.Ready => new ReadyResponse(),
            Opcode.Authenticate => new AuthenticateResponse(reader.ReadString()),
            Opcode.AuthChallenge => new AuthChallengeResponse(reader.ReadBytes()),
            Opcode.AuthSuccess => new AuthSuccessResponse(reader.ReadBytes()),
            Opcode.Supported => new SupportedResponse(reader.ReadStringMultimap()),
            Opcode.Result => DecodeResult(reader, knownColumns),
            Opcode.Event => new EventResponse(reader.ReadString()),
            _ => throw new FrameDecodingException($"Unexpected response opcode 0x{(byte)frame.Opcode:X2}."),
        };
        return message with { TracingId = tracingId, Warnings = warnings };
    }

    private static Response DecodeResult(BodyReader reader, IReadOnlyList<CqlColumn>? knownColumns)
    {
        var kind = reader.ReadInt();
        switch (kind)
        {
            case VoidKind:
                return new VoidResult();
            case RowsKind:
                var metadata = MetadataReader.ReadRowsMetadata(reader);
                if (metadata.NoMetadata)
                {
                    if (knownColumns is null || knownColumns.Count != metadata.Columns.Count)
                        throw new FrameDecodingException("The server sent rows without metadata and no prepared metadata is known.");
                    metadata = metadata with { Columns = knownColumns };
                }
                var rowCount = reader.ReadInt();
                var rows = new List<byte[]?[]>(rowCount);
                for (var r = 0; r < rowCount; r++)
                {
                    var row = new byte[]?[metadata.Columns.Count];
                    for (var c = 0; c < row.Length; c++) row[c] = reader.ReadBytes();
                    rows.Add(row);
                }
                return new RowsResult(metadata, rows);
            case SetKeyspaceKind:
                return new SetKeyspaceResult(reader.ReadString());
            case PreparedKind:
                var id = reader.ReadShortBytes();
                var (variables, keyIndexes) = MetadataReader.ReadPreparedMetadata(reader);
                return new PreparedResult(id, variables, keyIndexes, MetadataReader.ReadRowsMetadata(reader));
            case SchemaChangeKind:
                return DecodeSchemaChange(reader);
            default:
                throw new FrameDecodingException($"Unknown RESULT kind 0x{kind:X4}.");
        }
    }

    private static SchemaChangeResult DecodeSchemaChange(BodyReader reader)
    {
        var change = reader.ReadString();
        var target = reader.ReadString();
        var keyspace = reader.ReadString();
        return target switch
        {
            "KEYSPACE" => new SchemaChangeResult(change, target, keyspace, null, []),
            "TABLE" or "TYPE" => new SchemaChangeResult(change, target, keyspace, reader.ReadString(), []),
            "FUNCTION" or "AGGREGATE" => new SchemaChangeResult(change, target, keyspace, reader.ReadString(), reader.ReadStringList()),
            _ => throw new FrameDecodingException($"Unknown schema change target {target}."),
        };
    }
}
