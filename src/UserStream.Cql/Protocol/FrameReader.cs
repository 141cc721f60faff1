using System.Buffers.Binary;

namespace UserStream.Cql.Protocol;

/// <summary>Reads whole frames from a stream, including the 8-byte headers of protocol v1/v2 so that a server answering in an older version can be recognised.</summary>
internal static class FrameReader
{
    /// <summary>The next frame, or null when the peer closed the stream between frames.</summary>
    public static async Task<Frame?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[Frame.HeaderLength];
        var read = await stream.ReadAtLeastAsync(header.AsMemory(0, 8), 8, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0) return null;
        if (read < 8) throw new EndOfStreamException("The connection closed in the middle of a frame header.");

        short streamId;
        Opcode opcode;
        int length;
        if ((header[0] & 0x7F) >= 3)
        {
            await stream.ReadExactlyAsync(header.AsMemory(8, 1), cancellationToken).ConfigureAwait(false);
            streamId = BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
            opcode = (Opcode)header[4];
            length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
        }
        else
        {
            // v1/v2: one-byte stream id, so everything after it sits one byte earlier.
            streamId = (sbyte)header[2];
            opcode = (Opcode)header[3];
            length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        }
        if (length is < 0 or > Frame.MaxBodyLength)
            throw new FrameDecodingException($"Frame body length {length} is outside the protocol's limits.");

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return new Frame(header[0], (FrameFlags)header[1], streamId, opcode, body);
    }
}
