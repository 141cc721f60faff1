namespace UserStream.Cql;

/// <summary>A statement the server rejected before executing it (syntax, validity, permissions).</summary>
public class QueryValidationException(ServerErrorCode code, string serverMessage) : CqlServerException(code, serverMessage);
