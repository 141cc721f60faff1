using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using UserStream.Cql.TestServer.Cql;

namespace UserStream.Cql.TestServer.Data;

/// <summary>Turns CQL constants into serialized values and checks that bound values fit their column type.</summary>
internal static class ValueCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Serializes a constant for a column of the given type; null for the null literal.</summary>
    public static byte[]? Encode(LiteralTerm literal, CqlType type, string column)
    {
        if (literal.Kind == LiteralKind.Null) return null;
        try
        {
            return (type.Name, literal.Kind) switch
            {
                ("text" or "ascii", LiteralKind.String) => Encoding.UTF8.GetBytes(literal.Text),
                ("uuid" or "timeuuid", LiteralKind.Uuid or LiteralKind.String) => Guid.Parse(literal.Text).ToByteArray(bigEndian: true),
                ("int", LiteralKind.Integer) => BigEndian(int.Parse(literal.Text, CultureInfo.InvariantCulture)),
                ("bigint" or "counter", LiteralKind.Integer) => BigEndian(long.Parse(literal.Text, CultureInfo.InvariantCulture)),
                ("smallint", LiteralKind.Integer) => BigEndianShort(short.Parse(literal.Text, CultureInfo.InvariantCulture)),
                ("tinyint", LiteralKind.Integer) => [(byte)sbyte.Parse(literal.Text, CultureInfo.InvariantCulture)],
                ("double", LiteralKind.Integer or LiteralKind.Float) => BigEndian(BitConverter.DoubleToInt64Bits(double.Parse(literal.Text, CultureInfo.InvariantCulture))),
                ("float", LiteralKind.Integer or LiteralKind.Float) => BigEndian(BitConverter.SingleToInt32Bits(float.Parse(literal.Text, CultureInfo.InvariantCulture))),
                ("boolean", LiteralKind.Boolean) => [literal.Text.Equals("true", StringComparison.OrdinalIgnoreCase) ? (byte)1 : (byte)0],
                ("timestamp", LiteralKind.Integer) => BigEndian(long.Parse(literal.Text, CultureInfo.InvariantCulture)),
                ("timestamp", LiteralKind.String) => BigEndian(DateTimeOffset.Parse(literal.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds()),
                ("date", LiteralKind.String) => EncodeDate(DateOnly.ParseExact(literal.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("date", LiteralKind.Integer) => BigEndian((int)uint.Parse(literal.Text, CultureInfo.InvariantCulture)),
                ("blob", LiteralKind.Hex) => Convert.FromHexString(literal.Text.AsSpan(2)),
                ("inet", LiteralKind.String) => IPAddress.Parse(literal.Text).GetAddressBytes(),
                _ => throw Mismatch(literal, type, column),
            };
        }
        catch (FormatException)
        {
            throw Mismatch(literal, type, column);
        }
        catch (OverflowException)
        {
            throw Mismatch(literal, type, column);
        }
    }

    /// <summary>Rejects bound bytes that cannot be a value of the type (wrong width, bad UTF-8, …).</summary>
    public static void Validate(byte[] value, CqlType type, string column)
    {
        if (value.Length == 0 && type.Name is not ("text" or "ascii" or "blob")) return; // empty values are legal in CQL
        var ok = type.Name switch
        {
            "uuid" or "timeuuid" => value.Length == 16,
            "int" or "date" or "float" => value.Length == 4,
            "bigint" or "counter" or "timestamp" or "double" or "time" => value.Length == 8,
            "smallint" => value.Length == 2,
            "tinyint" or "boolean" => value.Length == 1,
            "inet" => value.Length is 4 or 16,
            "text" => IsUtf8(value),
            "ascii" => value.All(b => b < 0x80),
            _ => true,
        };
        if (!ok)
            throw new CqlRequestException(CqlServerError.Invalid(
                $"Invalid value for column {column}: {value.Length} byte(s) are not a valid {type}"));
    }

    /// <summary>Serializes a collection of already serialized elements (v4: int count, then [bytes] each).</summary>
    public static byte[] EncodeCollection(IReadOnlyList<byte[]> elements)
    {
        var length = 4 + elements.Sum(e => 4 + e.Length);
        var buffer = new byte[length];
        BinaryPrimitives.WriteInt32BigEndian(buffer, elements.Count);
        var offset = 4;
        foreach (var element in elements)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(offset), element.Length);
            element.CopyTo(buffer.AsSpan(offset + 4));
            offset += 4 + element.Length;
        }
        return buffer;
    }

    public static byte[] EncodeText(string value) => Encoding.UTF8.GetBytes(value);

    public static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndianShort(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    // CQL dates count days with the epoch at 2^31, so they sort as unsigned integers.
    private static byte[] EncodeDate(DateOnly date) =>
        BigEndian((int)(uint)((long)date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (1L << 31)));

    private static bool IsUtf8(byte[] value)
    {
        try
        {
            StrictUtf8.GetCharCount(value);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static CqlRequestException Mismatch(LiteralTerm literal, CqlType type, string column) =>
        new(CqlServerError.Invalid($"Invalid {literal.Kind.ToString().ToLowerInvariant()} constant ({literal.Text}) for \"{column}\" of type {type}"));
}
