namespace UserStream.Cql.Protocol.Responses;

/// <summary>Reads the [option] notation that describes a column's CQL type.</summary>
internal static class TypeOptionReader
{
    public static CqlType Read(BodyReader reader)
    {
        var code = (ColumnTypeCode)reader.ReadShort();
        switch (code)
        {
            case ColumnTypeCode.Custom:
                return new CqlType(code, [], reader.ReadString());
            case ColumnTypeCode.List or ColumnTypeCode.Set:
                return new CqlType(code, [Read(reader)]);
            case ColumnTypeCode.Map:
                var key = Read(reader);
                return new CqlType(code, [key, Read(reader)]);
            case ColumnTypeCode.Udt:
                var keyspace = reader.ReadString();
                var name = reader.ReadString();
                var fieldCount = reader.ReadShort();
                var fields = new List<CqlType>(fieldCount);
                for (var i = 0; i < fieldCount; i++)
                {
                    reader.ReadString();
                    fields.Add(Read(reader));
                }
                return new CqlType(code, fields, $"{keyspace}.{name}");
            case ColumnTypeCode.Tuple:
                var count = reader.ReadShort();
                var elements = new List<CqlType>(count);
                for (var i = 0; i < count; i++) elements.Add(Read(reader));
                return new CqlType(code, elements);
            default:
                if (!Enum.IsDefined(code)) throw new FrameDecodingException($"Unknown CQL type id 0x{(ushort)code:X4} in result metadata.");
                return CqlType.Of(code);
        }
    }
}
