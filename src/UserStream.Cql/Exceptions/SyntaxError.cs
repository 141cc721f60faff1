namespace UserStream.Cql;

/// <summary>The statement does not parse (code 0x2000).</summary>
public sealed class SyntaxError(string serverMessage) : QueryValidationException(ServerErrorCode.SyntaxError, serverMessage);
