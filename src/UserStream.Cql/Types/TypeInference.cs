using System.Collections;
using System.Numerics;

namespace UserStream.Cql.Types;

/// <summary>
/// Picks the CQL type for a CLR value when the server has not described the variable (simple statements),
/// the same mapping the DataStax driver uses.
/// </summary>
internal static class TypeInference
{
    public static CqlType Infer(object value) => FromClrType(value.GetType(), value);

    private static CqlType FromClrType(Type clr, object? sample)
    {
        var scalar = Scalar(clr);
        if (scalar is not null) return CqlType.Of(scalar.Value);

        var dictionary = FindGeneric(clr, typeof(IDictionary<,>)) ?? FindGeneric(clr, typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            var args = dictionary.GetGenericArguments();
            return CqlType.MapOf(Element(args[0]), Element(args[1]));
        }
        if (sample is IDictionary untypedMap)
        {
            foreach (DictionaryEntry entry in untypedMap)
                return CqlType.MapOf(Infer(entry.Key), entry.Value is null ? CqlType.Of(ColumnTypeCode.Blob) : Infer(entry.Value));
            throw new InvalidTypeException("Cannot infer the CQL type of an empty untyped dictionary; use a typed Dictionary<K,V>.");
        }

        var isSet = FindGeneric(clr, typeof(ISet<>)) ?? FindGeneric(clr, typeof(IReadOnlySet<>));
        if (isSet is not null) return CqlType.SetOf(Element(isSet.GetGenericArguments()[0]));

        var enumerable = FindGeneric(clr, typeof(IEnumerable<>));
        if (enumerable is not null) return CqlType.ListOf(Element(enumerable.GetGenericArguments()[0]));

        throw new InvalidTypeException($"No CQL type is known for CLR type {clr.Name}.");
    }

    private static CqlType Element(Type clr) => FromClrType(clr, null);

    private static ColumnTypeCode? Scalar(Type clr)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (clr == typeof(string)) return ColumnTypeCode.Varchar;
        if (clr == typeof(int)) return ColumnTypeCode.Int;
        if (clr == typeof(long)) return ColumnTypeCode.Bigint;
        if (clr == typeof(short)) return ColumnTypeCode.Smallint;
        if (clr == typeof(sbyte)) return ColumnTypeCode.Tinyint;
        if (clr == typeof(bool)) return ColumnTypeCode.Boolean;
        if (clr == typeof(double)) return ColumnTypeCode.Double;
        if (clr == typeof(float)) return ColumnTypeCode.Float;
        if (clr == typeof(Guid)) return ColumnTypeCode.Uuid;
        if (clr == typeof(DateTimeOffset) || clr == typeof(DateTime)) return ColumnTypeCode.Timestamp;
        if (clr == typeof(DateOnly)) return ColumnTypeCode.Date;
        if (clr == typeof(BigInteger)) return ColumnTypeCode.Varint;
        if (clr == typeof(byte[]) || clr == typeof(ReadOnlyMemory<byte>) || clr == typeof(Memory<byte>) || clr == typeof(ArraySegment<byte>)) return ColumnTypeCode.Blob;
        return null;
    }

    private static Type? FindGeneric(Type clr, Type openInterface)
    {
        if (clr.IsGenericType && clr.GetGenericTypeDefinition() == openInterface) return clr;
        return clr.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
    }
}
