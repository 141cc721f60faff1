namespace UserStream.Cql.TestServer.Protocol;

/// <summary>Encodes an ERROR message body, with the extra fields its code requires.</summary>
internal static class ErrorEncoder
{
    public static BodyWriter Encode(CqlServerError error)
    {
        var writer = new BodyWriter().WriteInt(error.Code).WriteString(error.Message);
        switch (error.Code)
        {
            case 0x1000: // unavailable: consistency, required, alive
                writer.WriteShort(error.Consistency).WriteInt(error.Required).WriteInt(error.Received);
                break;
            case 0x1100: // write timeout: consistency, received, block_for, write_type
                writer.WriteShort(error.Consistency).WriteInt(error.Received).WriteInt(error.Required).WriteString(error.WriteType);
                break;
            case 0x1200: // read timeout: consistency, received, block_for, data_present
                writer.WriteShort(error.Consistency).WriteInt(error.Received).WriteInt(error.Required).WriteByte(error.DataPresent ? (byte)1 : (byte)0);
                break;
            case 0x2400: // already exists: keyspace, table
                writer.WriteString(error.Keyspace ?? "").WriteString(error.Table ?? "");
                break;
            case 0x2500: // unprepared: the unknown id
                writer.WriteShortBytes(error.StatementId ?? []);
                break;
        }
        return writer;
    }
}
