using System.Buffers.Binary;
using System.Text;

namespace UserStream.Cql.Protocol;

/// <summary>Reads the protocol's primitive notations from a response body.</summary>
internal sealed class BodyReader(byte[] body)
{
    private int _position;

    public int Remaining => body.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadShort()));

    public string ReadLongString() => Encoding.UTF8.GetString(Take(ReadInt()));

    /// <summary>[bytes]; null when the length is negative.</summary>
    public byte[]? ReadBytes()
    {
        var length = ReadInt();
        return length < 0 ? null : Take(length).ToArray();
    }

    public byte[] ReadShortBytes() => Take(ReadShort()).ToArray();

    public Guid ReadUuid() => new(Take(16), bigEndian: true);

    public IReadOnlyList<string> ReadStringList()
    {
        var count = ReadShort();
        var list = new List<string>(count);
        for (var i = 0; i < count; i++) list.Add(ReadString());
        return list;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ReadStringMultimap()
    {
        var count = ReadShort();
        var map = new Dictionary<string, IReadOnlyList<string>>(count);
        for (var i = 0; i < count; i++) map[ReadString()] = ReadStringList();
        return map;
    }

    public IReadOnlyDictionary<string, byte[]?> ReadBytesMap()
    {
        var count = ReadShort();
        var map = new Dictionary<string, byte[]?>(count);
        for (var i = 0; i < count; i++) map[ReadString()] = ReadBytes();
        return map;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new FrameDecodingException($"Frame body too short: wanted {count} bytes at offset {_position}, {Remaining} left.");
        }
        var span = body.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
