namespace UserStream.Cql;

/// <summary>The statement parses but is invalid, e.g. unknown table or wrong value type (code 0x2200).</summary>
public sealed class InvalidQueryException(string serverMessage) : QueryValidationException(ServerErrorCode.Invalid, serverMessage);
