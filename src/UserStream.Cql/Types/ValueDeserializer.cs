using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using System.Text;
using UserStream.Cql.Protocol;

namespace UserStream.Cql.Types;

/// <summary>Turns CQL wire bytes into CLR values according to the column type the server sent.</summary>
internal static class ValueDeserializer
{
    private static readonly DateOnly EpochDay = new(1970, 1, 1);

    public static object? Deserialize(byte[]? bytes, CqlType type)
    {
        if (bytes is null) return null;
        // Cassandra allows an empty value for most non-text types; it means "no value".
        if (bytes.Length == 0 && type.Code is not (ColumnTypeCode.Varchar or ColumnTypeCode.Ascii or ColumnTypeCode.Blob or ColumnTypeCode.Custom)) return null;
        ReadOnlySpan<byte> span = bytes;
        return type.Code switch
        {
            ColumnTypeCode.Varchar => Encoding.UTF8.GetString(span),
            ColumnTypeCode.Ascii => Encoding.ASCII.GetString(span),
            ColumnTypeCode.Int => BinaryPrimitives.ReadInt32BigEndian(Exactly(span, 4, type)),
            ColumnTypeCode.Bigint or ColumnTypeCode.Counter => BinaryPrimitives.ReadInt64BigEndian(Exactly(span, 8, type)),
            ColumnTypeCode.Smallint => BinaryPrimitives.ReadInt16BigEndian(Exactly(span, 2, type)),
            ColumnTypeCode.Tinyint => (sbyte)Exactly(span, 1, type)[0],
            ColumnTypeCode.Boolean => Exactly(span, 1, type)[0] != 0,
            ColumnTypeCode.Double => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Exactly(span, 8, type))),
            ColumnTypeCode.Float => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(Exactly(span, 4, type))),
            ColumnTypeCode.Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(Exactly(span, 8, type))),
            ColumnTypeCode.Date => EpochDay.AddDays(unchecked((int)(BinaryPrimitives.ReadUInt32BigEndian(Exactly(span, 4, type)) - 0x8000_0000u))),
            ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid => new Guid(Exactly(span, 16, type), bigEndian: true),
            ColumnTypeCode.Varint => new BigInteger(span, isUnsigned: false, isBigEndian: true),
            ColumnTypeCode.List => ReadCollection(bytes, type, typeof(List<>)),
            ColumnTypeCode.Set => ReadCollection(bytes, type, typeof(HashSet<>)),
            ColumnTypeCode.Map => ReadMap(bytes, type),
            _ => bytes,
        };
    }

    /// <summary>The CLR type a column of this CQL type is read as.</summary>
    public static Type ClrTypeOf(CqlType type) => type.Code switch
    {
        ColumnTypeCode.Varchar or ColumnTypeCode.Ascii => typeof(string),
        ColumnTypeCode.Int => typeof(int),
        ColumnTypeCode.Bigint or ColumnTypeCode.Counter => typeof(long),
        ColumnTypeCode.Smallint => typeof(short),
        ColumnTypeCode.Tinyint => typeof(sbyte),
        ColumnTypeCode.Boolean => typeof(bool),
        ColumnTypeCode.Double => typeof(double),
        ColumnTypeCode.Float => typeof(float),
        ColumnTypeCode.Timestamp => typeof(DateTimeOffset),
        ColumnTypeCode.Date => typeof(DateOnly),
        ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid => typeof(Guid),
        ColumnTypeCode.Varint => typeof(BigInteger),
        ColumnTypeCode.List => typeof(List<>).MakeGenericType(ClrTypeOf(type.Elements[0])),
        ColumnTypeCode.Set => typeof(HashSet<>).MakeGenericType(ClrTypeOf(type.Elements[0])),
        ColumnTypeCode.Map => typeof(Dictionary<,>).MakeGenericType(ClrTypeOf(type.Elements[0]), ClrTypeOf(type.Elements[1])),
        _ => typeof(byte[]),
    };

    private static object ReadCollection(byte[] bytes, CqlType type, Type openCollection)
    {
        var reader = new BodyReader(bytes);
        var count = reader.ReadInt();
        var elementType = type.Elements[0];
        var collection = Activator.CreateInstance(openCollection.MakeGenericType(ClrTypeOf(elementType)))!;
        var add = collection.GetType().GetMethod("Add")!;
        for (var i = 0; i < count; i++)
        {
            add.Invoke(collection, [Deserialize(reader.ReadBytes(), elementType)]);
        }
        return collection;
    }

    private static object ReadMap(byte[] bytes, CqlType type)
    {
        var reader = new BodyReader(bytes);
        var count = reader.ReadInt();
        var map = (IDictionary)Activator.CreateInstance(ClrTypeOf(type))!;
        for (var i = 0; i < count; i++)
        {
            var key = Deserialize(reader.ReadBytes(), type.Elements[0])
                ?? throw new FrameDecodingException($"A {type} value holds a null key.");
            map[key] = Deserialize(reader.ReadBytes(), type.Elements[1]);
        }
        return map;
    }

    private static ReadOnlySpan<byte> Exactly(ReadOnlySpan<byte> span, int length, CqlType type) =>
        span.Length == length ? span : throw new FrameDecodingException($"A {type} value must be {length} bytes, got {span.Length}.");
}
