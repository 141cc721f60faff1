using System.Buffers.Binary;
using System.Text;

namespace UserStream.Cql.TestServer.Protocol;

/// <summary>Reads the notation types of the protocol ([short], [string], [bytes], …) from a request body.</summary>
internal sealed class BodyReader(byte[] body)
{
    private int _position;

    public bool AtEnd => _position >= body.Length;

    public byte ReadByte()
    {
        Require(1);
        return body[_position++];
    }

    public short ReadShort() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public ushort ReadUnsignedShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadUnsignedShort()));

    public string ReadLongString()
    {
        var length = ReadInt();
        if (length < 0) throw new ProtocolViolationException("negative [long string] length");
        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>[bytes]: an int length, negative meaning null.</summary>
    public byte[]? ReadBytes()
    {
        var length = ReadInt();
        return length < 0 ? null : Take(length).ToArray();
    }

    public byte[] ReadShortBytes() => Take(ReadUnsignedShort()).ToArray();

    /// <summary>[value]: like [bytes], but -2 means "not set".</summary>
    public BoundValue ReadValue()
    {
        var length = ReadInt();
        return length switch
        {
            -1 => BoundValue.Null,
            -2 => BoundValue.NotSet,
            < 0 => throw new ProtocolViolationException($"invalid [value] length {length}"),
            _ => BoundValue.Of(Take(length).ToArray()),
        };
    }

    public List<string> ReadStringList()
    {
        var count = ReadUnsignedShort();
        var list = new List<string>(count);
        for (var i = 0; i < count; i++) list.Add(ReadString());
        return list;
    }

    public Dictionary<string, string> ReadStringMap()
    {
        var count = ReadUnsignedShort();
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) map[ReadString()] = ReadString();
        return map;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        Require(count);
        var span = body.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private void Require(int count)
    {
        if (count < 0 || _position + count > body.Length)
            throw new ProtocolViolationException($"message body ends early: wanted {count} more bytes at offset {_position} of {body.Length}");
    }
}
