using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Text;
using UserStream.Cql.Protocol;

namespace UserStream.Cql.Types;

/// <summary>Turns CLR values into CQL wire bytes, for a known column type or one inferred from the CLR type.</summary>
internal static class ValueSerializer
{
    private static readonly DateOnly EpochDay = new(1970, 1, 1);

    /// <summary>Encodes a bound value; <paramref name="type"/> is null when the server has not described the variable.</summary>
    public static EncodedValue Encode(object? value, CqlType? type)
    {
        if (value is null) return EncodedValue.Null;
        if (value is Unset) return EncodedValue.Unset;
        return EncodedValue.Of(Serialize(value, type ?? TypeInference.Infer(value)));
    }

    public static byte[] Serialize(object value, CqlType type)
    {
        switch (type.Code)
        {
            case ColumnTypeCode.Varchar:
                return Encoding.UTF8.GetBytes(As<string>(value, type));
            case ColumnTypeCode.Ascii:
                var ascii = As<string>(value, type);
                if (!Ascii.IsValid(ascii)) throw new InvalidTypeException($"Value for an ascii column contains non-ASCII characters: \"{ascii}\".");
                return Encoding.ASCII.GetBytes(ascii);
            case ColumnTypeCode.Int:
                return Int32(value switch { int i => i, short s => s, sbyte b => b, byte b => b, _ => throw Mismatch(value, type) });
            case ColumnTypeCode.Bigint or ColumnTypeCode.Counter:
                return Int64(value switch { long l => l, int i => i, short s => s, sbyte b => b, byte b => b, _ => throw Mismatch(value, type) });
            case ColumnTypeCode.Smallint:
                return Int16(value switch { short s => s, sbyte b => b, byte b => b, _ => throw Mismatch(value, type) });
            case ColumnTypeCode.Tinyint:
                return [(byte)As<sbyte>(value, type)];
            case ColumnTypeCode.Boolean:
                return [As<bool>(value, type) ? (byte)1 : (byte)0];
            case ColumnTypeCode.Double:
                return Int64(BitConverter.DoubleToInt64Bits(value switch { double d => d, float f => f, _ => throw Mismatch(value, type) }));
            case ColumnTypeCode.Float:
                return Int32(BitConverter.SingleToInt32Bits(As<float>(value, type)));
            case ColumnTypeCode.Timestamp:
                return Int64(ToUnixMilliseconds(value, type));
            case ColumnTypeCode.Date:
                return UInt32(ToDaysWithOffset(value, type));
            case ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid:
                return As<Guid>(value, type).ToByteArray(bigEndian: true);
            case ColumnTypeCode.Blob:
                return value switch
                {
                    byte[] bytes => bytes,
                    ReadOnlyMemory<byte> memory => memory.ToArray(),
                    Memory<byte> memory => memory.ToArray(),
                    ArraySegment<byte> segment => segment.ToArray(),
                    _ => throw Mismatch(value, type),
                };
            case ColumnTypeCode.Varint:
                return As<BigInteger>(value, type).ToByteArray(isUnsigned: false, isBigEndian: true);
            case ColumnTypeCode.List or ColumnTypeCode.Set:
                return SerializeCollection(value, type);
            case ColumnTypeCode.Map:
                return SerializeMap(value, type);
            default:
                throw new InvalidTypeException($"Binding values of CQL type {type} is not supported by this client.");
        }
    }

    private static byte[] SerializeCollection(object value, CqlType type)
    {
        if (value is string or byte[] || value is not IEnumerable items) throw Mismatch(value, type);
        var writer = new BodyWriter();
        var count = 0;
        var countWriter = new BodyWriter();
        foreach (var item in items)
        {
            if (item is null) throw new InvalidTypeException($"A {type} cannot contain null elements.");
            writer.WriteBytes(Serialize(item, type.Elements[0]));
            count++;
        }
        countWriter.WriteInt(count);
        countWriter.WriteRaw(writer.ToArray());
        return countWriter.ToArray();
    }

    private static byte[] SerializeMap(object value, CqlType type)
    {
        if (value is not IDictionary map) throw Mismatch(value, type);
        var writer = new BodyWriter();
        writer.WriteInt(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Value is null) throw new InvalidTypeException($"A {type} cannot contain null values.");
            writer.WriteBytes(Serialize(entry.Key, type.Elements[0]));
            writer.WriteBytes(Serialize(entry.Value, type.Elements[1]));
        }
        return writer.ToArray();
    }

    private static long ToUnixMilliseconds(object value, CqlType type) => value switch
    {
        DateTimeOffset offset => offset.ToUnixTimeMilliseconds(),
        // An unspecified kind is taken as UTC: the store works in UTC throughout.
        DateTime dateTime => new DateTimeOffset(dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        _ => throw Mismatch(value, type),
    };

    private static uint ToDaysWithOffset(object value, CqlType type)
    {
        var date = value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            DateTimeOffset dto => DateOnly.FromDateTime(dto.UtcDateTime),
            _ => throw Mismatch(value, type),
        };
        // The protocol centres the day count on 2^31 so that dates before 1970 stay unsigned.
        return unchecked((uint)(date.DayNumber - EpochDay.DayNumber + int.MinValue));
    }

    private static T As<T>(object value, CqlType type) => value is T typed ? typed : throw Mismatch(value, type);

    private static InvalidTypeException Mismatch(object value, CqlType type) =>
        new($"A value of CLR type {value.GetType().Name} cannot be bound to a CQL {type}.");

    private static byte[] Int16(short value) { var b = new byte[2]; BinaryPrimitives.WriteInt16BigEndian(b, value); return b; }

    private static byte[] Int32(int value) { var b = new byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, value); return b; }

    private static byte[] UInt32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, value); return b; }

    private static byte[] Int64(long value) { var b = new byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, value); return b; }
}
