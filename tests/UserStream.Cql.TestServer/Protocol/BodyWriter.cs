using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace UserStream.Cql.TestServer.Protocol;

/// <summary>Writes the notation types of the protocol into a response body.</summary>
internal sealed class BodyWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public BodyWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public BodyWriter WriteShort(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
        return this;
    }

    public BodyWriter WriteUnsignedShort(int value)
    {
        if (value is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(value));
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), (ushort)value);
        _buffer.Advance(2);
        return this;
    }

    public BodyWriter WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public BodyWriter WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUnsignedShort(bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public BodyWriter WriteLongString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt(bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>[bytes]; null is written as length -1.</summary>
    public BodyWriter WriteBytes(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull) return WriteInt(-1);
        WriteInt(value.Length);
        _buffer.Write(value);
        return this;
    }

    public BodyWriter WriteNullableBytes(byte[]? value) => value is null ? WriteInt(-1) : WriteBytes(value);

    public BodyWriter WriteShortBytes(ReadOnlySpan<byte> value)
    {
        WriteUnsignedShort(value.Length);
        _buffer.Write(value);
        return this;
    }

    public BodyWriter WriteStringMultimap(IReadOnlyDictionary<string, string[]> map)
    {
        WriteUnsignedShort(map.Count);
        foreach (var (key, values) in map)
        {
            WriteString(key);
            WriteUnsignedShort(values.Length);
            foreach (var value in values) WriteString(value);
        }
        return this;
    }
}
