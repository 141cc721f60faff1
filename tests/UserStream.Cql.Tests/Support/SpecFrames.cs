using System.Buffers.Binary;
using System.Text;
using UserStream.Testing;

namespace UserStream.Cql.Tests.Support;

/// <summary>
/// Builds response frames straight from the protocol v4 specification, with its own byte writing, so the
/// client's decoders are tested against frames the client's code did not produce.
/// </summary>
internal sealed class SpecFrames
{
    private readonly List<byte> _body = [];

    public SpecFrames Byte(byte value) { _body.Add(value); return this; }

    public SpecFrames Short(int value) { _body.Add((byte)(value >> 8)); _body.Add((byte)value); return this; }

    public SpecFrames Int(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        _body.AddRange(b);
        return this;
    }

    public SpecFrames Long(long value)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        _body.AddRange(b);
        return this;
    }

    public SpecFrames Raw(byte[] bytes) { _body.AddRange(bytes); return this; }

    public SpecFrames String(string value) { var b = Encoding.UTF8.GetBytes(value); Short(b.Length); return Raw(b); }

    public SpecFrames Bytes(byte[]? value) => value is null ? Int(-1) : Int(value.Length).Raw(value);

    public SpecFrames ShortBytes(byte[] value) => Short(value.Length).Raw(value);

    public SpecFrames StringList(params string[] values)
    {
        Short(values.Length);
        foreach (var v in values) String(v);
        return this;
    }

    /// <summary>A column spec: keyspace, table, name, then the type [option] written by <paramref name="type"/>.</summary>
    public SpecFrames Column(string keyspace, string table, string name, Action<SpecFrames> type)
    {
        String(keyspace).String(table).String(name);
        type(this);
        return this;
    }

    public byte[] Body => [.. _body];

    /// <summary>A whole response frame: version 0x84 (or another), flags, stream, opcode, length, body.</summary>
    public byte[] Frame(byte opcode, short stream, byte flags = 0, byte version = 0x84)
    {
        var frame = new byte[9 + _body.Count];
        frame[0] = version;
        frame[1] = flags;
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
        frame[4] = opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), _body.Count);
        _body.CopyTo(frame, 9);
        return frame;
    }

    // Opcodes (spec section 2.4).
    public const byte Error = 0x00, Ready = 0x02, Authenticate = 0x03, Supported = 0x06, Result = 0x08, Event = 0x0C, AuthChallenge = 0x0E, AuthSuccess = 0x10;

    public static byte[] ReadyFrame(short stream) => new SpecFrames().Frame(Ready, stream);

    public static byte[] SupportedFrame(short stream) =>
        new SpecFrames().Short(2).String("CQL_VERSION").StringList("3.4.5").String("COMPRESSION").StringList("lz4", "snappy").Frame(Supported, stream);

    public static byte[] AuthenticateFrame(short stream, string authenticator = "org.apache.cassandra.auth.PasswordAuthenticator") =>
        new SpecFrames().String(authenticator).Frame(Authenticate, stream);

    public static byte[] AuthSuccessFrame(short stream) => new SpecFrames().Bytes(null).Frame(AuthSuccess, stream);

    public static byte[] VoidResultFrame(short stream) => new SpecFrames().Int(1).Frame(Result, stream);

    public static byte[] SetKeyspaceFrame(short stream, string keyspace) => new SpecFrames().Int(3).String(keyspace).Frame(Result, stream);

    public static byte[] ErrorFrame(short stream, int code, string message, Action<SpecFrames>? extra = null)
    {
        var frame = new SpecFrames().Int(code).String(message);
        extra?.Invoke(frame);
        return frame.Frame(Error, stream);
    }

    /// <summary>A PREPARED result whose bind variables are given as (name, type id) and which returns no rows.</summary>
    public static byte[] PreparedFrame(short stream, byte[] id, params (string Name, int TypeId)[] variables)
    {
        var frame = new SpecFrames().Int(4).ShortBytes(id)
            .Int(0x0001).Int(variables.Length).Int(variables.Length > 0 ? 1 : 0);
        if (variables.Length > 0) frame.Short(0);
        frame.String("ks").String("t");
        foreach (var (name, typeId) in variables) frame.String(name).Short(typeId);
        // Result metadata: No_metadata, no columns.
        frame.Int(0x0004).Int(0);
        return frame.Frame(Result, stream);
    }

    /// <summary>A ROWS result of single-column rows of text, with an optional paging state.</summary>
    public static byte[] TextRowsFrame(short stream, string column, IReadOnlyList<string?> values, byte[]? pagingState = null)
    {
        var frame = new SpecFrames().Int(2).Int(0x0001 | (pagingState is null ? 0 : 0x0002)).Int(1);
        if (pagingState is not null) frame.Bytes(pagingState);
        frame.String("ks").String("t").String(column).Short(0x000D);
        frame.Int(values.Count);
        foreach (var v in values) frame.Bytes(v is null ? null : Encoding.UTF8.GetBytes(v));
        return frame.Frame(Result, stream);
    }
}
