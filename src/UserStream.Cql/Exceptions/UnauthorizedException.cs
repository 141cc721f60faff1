namespace UserStream.Cql;

/// <summary>The logged-in user lacks a permission the statement needs (code 0x2100).</summary>
public sealed class UnauthorizedException(string serverMessage) : QueryValidationException(ServerErrorCode.Unauthorized, serverMessage);
