namespace UserStream.Cql;

/// <summary>Error codes a server sends in an ERROR frame (protocol v4, section "Error codes").</summary>
public enum ServerErrorCode
{
    /// <summary>Something unexpected happened on the server.</summary>
    ServerError = 0x0000,
    /// <summary>The request broke the protocol (also sent for an unsupported protocol version).</summary>
    ProtocolError = 0x000A,
    /// <summary>Authentication failed.</summary>
    BadCredentials = 0x0100,
    /// <summary>Not enough live replicas for the requested consistency.</summary>
    Unavailable = 0x1000,
    /// <summary>The coordinator is overloaded.</summary>
    Overloaded = 0x1001,
    /// <summary>The coordinator is still bootstrapping.</summary>
    IsBootstrapping = 0x1002,
    /// <summary>A TRUNCATE failed.</summary>
    TruncateError = 0x1003,
    /// <summary>Replicas did not acknowledge a write in time.</summary>
    WriteTimeout = 0x1100,
    /// <summary>Replicas did not answer a read in time.</summary>
    ReadTimeout = 0x1200,
    /// <summary>Replicas failed a read.</summary>
    ReadFailure = 0x1300,
    /// <summary>A user-defined function failed.</summary>
    FunctionFailure = 0x1400,
    /// <summary>Replicas failed a write.</summary>
    WriteFailure = 0x1500,
    /// <summary>The statement does not parse.</summary>
    SyntaxError = 0x2000,
    /// <summary>The logged-in user may not do this.</summary>
    Unauthorized = 0x2100,
    /// <summary>The statement is syntactically right but invalid.</summary>
    Invalid = 0x2200,
    /// <summary>The statement is invalid because of a configuration problem.</summary>
    ConfigError = 0x2300,
    /// <summary>The keyspace or table to create already exists.</summary>
    AlreadyExists = 0x2400,
    /// <summary>The prepared statement id is unknown to this node.</summary>
    Unprepared = 0x2500,
}
