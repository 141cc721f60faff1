namespace UserStream.Cql;

/// <summary>The server says the request broke the protocol (code 0x000A).</summary>
public sealed class ProtocolErrorException(string serverMessage) : CqlServerException(ServerErrorCode.ProtocolError, serverMessage);
