using System.Buffers.Binary;
using System.Text;

namespace UserStream.Cql.Protocol;

/// <summary>Writes the protocol's primitive notations ([short], [string], [bytes], …) into a growing body buffer.</summary>
internal sealed class BodyWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public int Length => _length;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteShort(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>[string]: a [short] length then UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue) throw new ArgumentException("A [string] cannot exceed 65535 bytes.", nameof(value));
        WriteShort((ushort)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>[long string]: an [int] length then UTF-8 bytes.</summary>
    public void WriteLongString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt(count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>[bytes]: an [int] length then the bytes; a negative length means null.</summary>
    public void WriteBytes(byte[]? value)
    {
        if (value is null) { WriteInt(-1); return; }
        WriteInt(value.Length);
        WriteRaw(value);
    }

    /// <summary>[short bytes]: a [short] length then the bytes.</summary>
    public void WriteShortBytes(byte[] value)
    {
        if (value.Length > ushort.MaxValue) throw new ArgumentException("[short bytes] cannot exceed 65535 bytes.", nameof(value));
        WriteShort((ushort)value.Length);
        WriteRaw(value);
    }

    /// <summary>[value]: like [bytes], with length -2 meaning "unset".</summary>
    public void WriteValue(EncodedValue value)
    {
        if (value.IsUnset) { WriteInt(-2); return; }
        WriteBytes(value.Bytes);
    }

    /// <summary>[string map]: a [short] count then key/value [string] pairs, in the given order.</summary>
    public void WriteStringMap(IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        WriteShort((ushort)entries.Count);
        foreach (var (key, value) in entries)
        {
            WriteString(key);
            WriteString(value);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
