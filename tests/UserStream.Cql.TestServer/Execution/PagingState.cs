using System.Buffers.Binary;
using UserStream.Cql.TestServer.Data;

namespace UserStream.Cql.TestServer.Execution;

/// <summary>
/// The server's paging state: the key of the last row returned and how many rows the query has
/// returned so far (so LIMIT holds across pages). Opaque to clients.
/// </summary>
internal sealed record PagingState(RowKey LastKey, int RowsReturned)
{
    private const byte FormatVersion = 1;

    public byte[] Encode()
    {
        var length = 1 + 4 + 2 + LastKey.Components.Sum(c => 2 + c.Length);
        var buffer = new byte[length];
        buffer[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(1), RowsReturned);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(5), (ushort)LastKey.Components.Count);
        var offset = 7;
        foreach (var component in LastKey.Components)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), (ushort)component.Length);
            component.CopyTo(buffer.AsSpan(offset + 2));
            offset += 2 + component.Length;
        }
        return buffer;
    }

    public static PagingState Decode(byte[] bytes, int keyComponents)
    {
        try
        {
            if (bytes.Length < 7 || bytes[0] != FormatVersion) throw new FormatException();
            var returned = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
            var count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(5));
            if (count != keyComponents || returned < 0) throw new FormatException();
            var components = new List<byte[]>(count);
            var offset = 7;
            for (var i = 0; i < count; i++)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset));
                components.Add(bytes.AsSpan(offset + 2, length).ToArray());
                offset += 2 + length;
            }
            if (offset != bytes.Length) throw new FormatException();
            return new PagingState(new RowKey(components), returned);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw new CqlRequestException(CqlServerError.ProtocolError("Invalid value for the paging state"));
        }
    }
}
