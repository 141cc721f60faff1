namespace UserStream.Cql;

/// <summary>The server hit an unexpected internal error (code 0x0000).</summary>
public sealed class ServerErrorException(string serverMessage) : CqlServerException(ServerErrorCode.ServerError, serverMessage);
