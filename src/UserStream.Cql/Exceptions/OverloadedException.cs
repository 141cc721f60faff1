namespace UserStream.Cql;

/// <summary>The coordinator is overloaded (code 0x1001).</summary>
public sealed class OverloadedException(string serverMessage) : CqlServerException(ServerErrorCode.Overloaded, serverMessage);
