namespace UserStream.Cql.TestServer;

/// <summary>The request messages the test server counts (see <see cref="CqlTestServer.RequestCount"/>).</summary>
public enum CqlRequestKind
{
    /// <summary>OPTIONS.</summary>
    Options,
    /// <summary>STARTUP.</summary>
    Startup,
    /// <summary>AUTH_RESPONSE.</summary>
    AuthResponse,
    /// <summary>REGISTER.</summary>
    Register,
    /// <summary>QUERY.</summary>
    Query,
    /// <summary>PREPARE.</summary>
    Prepare,
    /// <summary>EXECUTE.</summary>
    Execute,
    /// <summary>BATCH.</summary>
    Batch,
}
