namespace UserStream.Cql.TestServer.Protocol;

/// <summary>One request frame as read off the wire: header fields and the raw body.</summary>
internal sealed record Frame(byte Version, byte Flags, short Stream, Opcode Opcode, byte[] Body)
{
    public const int HeaderLength = 9;
    public const byte ServedVersion = 4;
    public const byte ResponseDirection = 0x80;
    public const byte FlagCompression = 0x01;
    public const byte FlagTracing = 0x02;
    public const byte FlagCustomPayload = 0x04;
    public const byte FlagWarning = 0x08;
}
