namespace UserStream.Cql.TestServer;

/// <summary>
/// An ERROR response the test server sends: the protocol error code, a message, and the extra
/// fields some codes carry. Build them with the static factories; pass one to
/// <see cref="CqlTestServerFaults.FailNextRequests"/> to inject it.
/// </summary>
public sealed record CqlServerError
{
    private CqlServerError(int code, string message)
    {
        Code = code;
        Message = message;
    }

    /// <summary>The protocol's error code (for example 0x1001 for Overloaded).</summary>
    public int Code { get; }

    /// <summary>The human-readable message sent with the error.</summary>
    public string Message { get; }

    internal short Consistency { get; private init; }
    internal int Required { get; private init; }
    internal int Received { get; private init; }
    internal string WriteType { get; private init; } = "SIMPLE";
    internal bool DataPresent { get; private init; }
    internal string? Keyspace { get; private init; }
    internal string? Table { get; private init; }
    internal byte[]? StatementId { get; private init; }

    /// <summary>0x0000: the server failed unexpectedly.</summary>
    public static CqlServerError ServerError(string message) => new(0x0000, message);

    /// <summary>0x000A: the client broke the protocol.</summary>
    public static CqlServerError ProtocolError(string message) => new(0x000A, message);

    /// <summary>0x0100: authentication failed.</summary>
    public static CqlServerError AuthenticationError(string message) => new(0x0100, message);

    /// <summary>0x1000: not enough replicas alive for the consistency level.</summary>
    public static CqlServerError Unavailable(short consistency = 0x0001, int required = 1, int alive = 0) =>
        new(0x1000, "Cannot achieve consistency level") { Consistency = consistency, Required = required, Received = alive };

    /// <summary>0x1001: the coordinator is overloaded.</summary>
    public static CqlServerError Overloaded(string message = "Server is overloaded") => new(0x1001, message);

    /// <summary>0x1100: a write timed out waiting for replicas.</summary>
    public static CqlServerError WriteTimeout(short consistency = 0x0001, int received = 0, int blockFor = 1, string writeType = "SIMPLE") =>
        new(0x1100, "Operation timed out - received only 0 responses.") { Consistency = consistency, Received = received, Required = blockFor, WriteType = writeType };

    /// <summary>0x1200: a read timed out waiting for replicas.</summary>
    public static CqlServerError ReadTimeout(short consistency = 0x0001, int received = 0, int blockFor = 1, bool dataPresent = false) =>
        new(0x1200, "Operation timed out - received only 0 responses.") { Consistency = consistency, Received = received, Required = blockFor, DataPresent = dataPresent };

    /// <summary>0x2000: the CQL does not parse.</summary>
    public static CqlServerError Syntax(string message) => new(0x2000, message);

    /// <summary>0x2100: the user may not do this.</summary>
    public static CqlServerError Unauthorized(string message) => new(0x2100, message);

    /// <summary>0x2200: the query is syntactically valid but not acceptable.</summary>
    public static CqlServerError Invalid(string message) => new(0x2200, message);

    /// <summary>0x2300: the query is invalid because of a configuration issue.</summary>
    public static CqlServerError ConfigError(string message) => new(0x2300, message);

    /// <summary>0x2400: a keyspace or table to create already exists.</summary>
    public static CqlServerError AlreadyExists(string keyspace, string table = "") =>
        new(0x2400, table.Length == 0 ? $"Keyspace {keyspace} already exists" : $"Table {keyspace}.{table} already exists")
        { Keyspace = keyspace, Table = table };

    /// <summary>0x2500: an EXECUTE or BATCH named a prepared statement the server does not know.</summary>
    public static CqlServerError Unprepared(byte[] statementId) =>
        new(0x2500, $"Prepared query with ID {Convert.ToHexStringLower(statementId)} not found") { StatementId = statementId };
}
