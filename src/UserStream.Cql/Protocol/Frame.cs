namespace UserStream.Cql.Protocol;

/// <summary>One protocol frame: the 9-byte v4 header fields plus the body.</summary>
internal sealed record Frame(byte Version, FrameFlags Flags, short StreamId, Opcode Opcode, byte[] Body)
{
    /// <summary>Protocol version this client speaks.</summary>
    public const byte ProtocolVersion = 4;

    /// <summary>Size of the v3+ frame header.</summary>
    public const int HeaderLength = 9;

    /// <summary>Direction bit of the version byte: set on responses.</summary>
    public const byte ResponseBit = 0x80;

    /// <summary>Largest body the protocol allows (256 MiB).</summary>
    public const int MaxBodyLength = 256 * 1024 * 1024;

    /// <summary>Protocol version without the direction bit.</summary>
    public int VersionNumber => Version & 0x7F;

    /// <summary>Serializes the header and body into one buffer ready to send.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderLength + Body.Length];
        bytes[0] = Version;
        bytes[1] = (byte)Flags;
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), StreamId);
        bytes[4] = (byte)Opcode;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(5), Body.Length);
        Body.CopyTo(bytes, HeaderLength);
        return bytes;
    }
}
