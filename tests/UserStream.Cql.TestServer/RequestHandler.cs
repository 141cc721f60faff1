using System.Text;
using UserStream.Cql.TestServer.Cql;
using UserStream.Cql.TestServer.Execution;
using UserStream.Cql.TestServer.Protocol;

namespace UserStream.Cql.TestServer;

/// <summary>
/// The per-connection protocol state machine: STARTUP and authentication first, then data
/// requests, each decoded, executed and answered. One instance per connection.
/// </summary>
internal sealed class RequestHandler(CqlTestServer server)
{
    private static readonly Dictionary<string, string[]> SupportedOptions = new()
    {
        ["CQL_VERSION"] = ["3.4.4"],
        ["COMPRESSION"] = [],
        ["PROTOCOL_VERSIONS"] = ["4/v4"],
    };

    private bool _started;
    private bool _awaitingAuthentication;
    private volatile string? _keyspace;

    /// <summary>Answers one request frame with a response opcode and body; errors are thrown as exceptions.</summary>
    public (Opcode, BodyWriter) Handle(Frame frame)
    {
        server.Count(frame.Opcode);
        var reader = new BodyReader(frame.Body);
        switch (frame.Opcode)
        {
            case Opcode.Options:
                return (Opcode.Supported, new BodyWriter().WriteStringMultimap(SupportedOptions));
            case Opcode.Startup:
                return Startup(reader.ReadStringMap());
            case Opcode.AuthResponse:
                return Authenticate(reader.ReadBytes());
        }

        if (!_started || _awaitingAuthentication)
            throw new ProtocolViolationException(
                $"Unexpected message {frame.Opcode}, expecting {(_started ? "AUTH_RESPONSE" : "STARTUP")}");

        return frame.Opcode switch
        {
            Opcode.Register => Register(reader.ReadStringList()),
            Opcode.Query => Query(reader),
            Opcode.Prepare => Prepare(reader.ReadLongString()),
            Opcode.Execute => Execute(reader),
            Opcode.Batch => Batch(reader),
            _ => throw new ProtocolViolationException($"Unexpected message opcode 0x{(byte)frame.Opcode:x2} for a request"),
        };
    }

    private (Opcode, BodyWriter) Startup(Dictionary<string, string> options)
    {
        if (_started) throw new ProtocolViolationException("Unexpected message STARTUP, the connection is already initialized");
        if (!options.ContainsKey("CQL_VERSION")) throw new ProtocolViolationException("CQL_VERSION is mandatory in STARTUP");
        if (options.TryGetValue("COMPRESSION", out var compression) && compression.Length > 0)
            throw new ProtocolViolationException($"Unknown compression algorithm: {compression}");
        _started = true;
        if (!server.Options.RequiresCredentials) return (Opcode.Ready, new BodyWriter());
        _awaitingAuthentication = true;
        return (Opcode.Authenticate, new BodyWriter().WriteString("org.apache.cassandra.auth.PasswordAuthenticator"));
    }

    private (Opcode, BodyWriter) Authenticate(byte[]? token)
    {
        if (!_awaitingAuthentication) throw new ProtocolViolationException("Unexpected message AUTH_RESPONSE, no authentication is in progress");
        // SASL PLAIN: [authorization id] NUL user NUL password.
        var parts = Encoding.UTF8.GetString(token ?? []).Split('\0');
        var (user, password) = parts.Length >= 3 ? (parts[^2], parts[^1]) : ("", "");
        if (user != server.Options.Username || password != server.Options.Password)
            throw new CqlRequestException(CqlServerError.AuthenticationError($"Provided username {user} and/or password are incorrect"));
        _awaitingAuthentication = false;
        return (Opcode.AuthSuccess, new BodyWriter().WriteBytes([], isNull: true));
    }

    private static (Opcode, BodyWriter) Register(List<string> events)
    {
        var unknown = events.FirstOrDefault(e => e is not ("TOPOLOGY_CHANGE" or "STATUS_CHANGE" or "SCHEMA_CHANGE"));
        if (unknown is not null) throw new ProtocolViolationException($"Invalid value '{unknown}' for Type");
        return (Opcode.Ready, new BodyWriter());
    }

    private (Opcode, BodyWriter) Query(BodyReader reader)
    {
        var query = reader.ReadLongString();
        var parameters = QueryParameters.Read(reader);
        server.CheckConsistency(parameters.Consistency);
        var (statement, markerCount) = CqlParser.Parse(query);
        var keyspace = _keyspace;
        var values = parameters.ValueNames is { } names
            ? BoundValues.FromNamed(names, parameters.Values, server.Executor.DescribeVariables(statement, markerCount, keyspace))
            : Positional(parameters.Values, markerCount);
        return Result(server.Executor.Execute(statement, keyspace, values, parameters.PageSize, parameters.PagingState), skipMetadata: false);
    }

    private (Opcode, BodyWriter) Prepare(string query)
    {
        var prepared = server.Executor.Prepare(query, _keyspace);
        server.Remember(prepared);
        return Result(new PreparedResult(prepared), skipMetadata: false);
    }

    private (Opcode, BodyWriter) Execute(BodyReader reader)
    {
        var prepared = server.Lookup(reader.ReadShortBytes());
        var parameters = QueryParameters.Read(reader);
        server.CheckConsistency(parameters.Consistency);
        var values = parameters.ValueNames is { } names
            ? BoundValues.FromNamed(names, parameters.Values, prepared.Variables)
            : Positional(parameters.Values, prepared.Variables.Count);
        var result = server.Executor.Execute(prepared.Statement, prepared.Keyspace, values, parameters.PageSize, parameters.PagingState);
        return Result(result, parameters.SkipMetadata);
    }

    private (Opcode, BodyWriter) Batch(BodyReader reader)
    {
        var type = reader.ReadByte();
        if (type > 2) throw new ProtocolViolationException($"Unknown batch type {type}");
        var count = reader.ReadUnsignedShort();
        var keyspace = _keyspace;
        var statements = new List<(CqlStatement, string?, BoundValues)>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = reader.ReadByte();
            (CqlStatement statement, int markers, string? ks) entry = kind switch
            {
                0 => ParseForBatch(reader.ReadLongString(), keyspace),
                1 => FromPrepared(server.Lookup(reader.ReadShortBytes())),
                _ => throw new ProtocolViolationException($"Invalid query kind in BATCH messages: {kind}"),
            };
            var valueCount = reader.ReadUnsignedShort();
            var values = new List<BoundValue>(valueCount);
            for (var v = 0; v < valueCount; v++) values.Add(reader.ReadValue());
            statements.Add((entry.statement, entry.ks, Positional(values, entry.markers)));
        }
        server.CheckConsistency(reader.ReadShort());
        var flags = reader.ReadByte();
        if ((flags & 0x10) != 0) reader.ReadShort();
        if ((flags & 0x20) != 0) reader.ReadLong();
        server.Executor.ApplyBatch(statements);
        return Result(VoidResult.Instance, skipMetadata: false);
    }

    private static (CqlStatement, int, string?) ParseForBatch(string query, string? keyspace)
    {
        var (statement, markers) = CqlParser.Parse(query);
        return (statement, markers, keyspace);
    }

    private static (CqlStatement, int, string?) FromPrepared(PreparedStatementInfo prepared) =>
        (prepared.Statement, prepared.Variables.Count, prepared.Keyspace);

    private static BoundValues Positional(IReadOnlyList<BoundValue> values, int markerCount) =>
        values.Count == markerCount
            ? new BoundValues(values)
            : throw new CqlRequestException(CqlServerError.Invalid(
                $"There were {markerCount} markers(?) in CQL but {values.Count} bound variables"));

    private (Opcode, BodyWriter) Result(ExecutionResult result, bool skipMetadata)
    {
        if (result is SetKeyspaceResult setKeyspace) _keyspace = setKeyspace.Keyspace;
        return (Opcode.Result, ResultEncoder.Encode(result, skipMetadata));
    }
}
