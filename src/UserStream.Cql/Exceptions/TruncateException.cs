namespace UserStream.Cql;

/// <summary>A TRUNCATE failed (code 0x1003).</summary>
public sealed class TruncateException(string serverMessage) : QueryExecutionException(ServerErrorCode.TruncateError, serverMessage);
