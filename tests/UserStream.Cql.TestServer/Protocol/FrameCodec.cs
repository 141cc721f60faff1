using System.Buffers.Binary;

namespace UserStream.Cql.TestServer.Protocol;

/// <summary>Reads request frames from, and writes response frames to, a byte stream.</summary>
internal static class FrameCodec
{
    // Far above anything a test sends; guards against reading garbage as a length.
    private const int MaxBodyLength = 256 * 1024 * 1024;

    /// <summary>Reads the next frame; null when the peer closed the stream cleanly between frames.</summary>
    public static async Task<Frame?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[Frame.HeaderLength];
        if (!await ReadExactlyOrEndAsync(stream, header, cancellationToken)) return null;

        var version = (byte)(header[0] & 0x7F);
        if (version < 3)
        {
            // v1/v2 headers are one byte shorter (one-byte stream id). We never serve those versions:
            // the caller answers with a protocol error and closes, so the body is not needed.
            return new Frame(version, header[1], (sbyte)header[2], (Opcode)header[3], []);
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
        if (length < 0 || length > MaxBodyLength) throw new InvalidDataException($"frame body length {length} is out of range");
        var body = new byte[length];
        if (length > 0 && !await ReadExactlyOrEndAsync(stream, body, cancellationToken))
            throw new EndOfStreamException("connection closed inside a frame body");
        return new Frame(version, header[1], BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2)), (Opcode)header[4], body);
    }

    /// <summary>Builds a whole response frame (header and body) for the given request version.</summary>
    public static byte[] EncodeResponse(byte version, short stream, Opcode opcode, ReadOnlySpan<byte> body, byte flags = 0)
    {
        if (version < 3)
        {
            var legacy = new byte[8 + body.Length];
            legacy[0] = (byte)(version | Frame.ResponseDirection);
            legacy[1] = flags;
            legacy[2] = (byte)stream;
            legacy[3] = (byte)opcode;
            BinaryPrimitives.WriteInt32BigEndian(legacy.AsSpan(4), body.Length);
            body.CopyTo(legacy.AsSpan(8));
            return legacy;
        }

        var frame = new byte[Frame.HeaderLength + body.Length];
        frame[0] = (byte)(version | Frame.ResponseDirection);
        frame[1] = flags;
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
        frame[4] = (byte)opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
        body.CopyTo(frame.AsSpan(Frame.HeaderLength));
        return frame;
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                if (read == 0) return false;
                throw new EndOfStreamException("connection closed inside a frame");
            }
            read += n;
        }
        return true;
    }
}
