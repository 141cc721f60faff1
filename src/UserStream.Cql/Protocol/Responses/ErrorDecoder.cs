namespace UserStream.Cql.Protocol.Responses;

/// <summary>Turns an ERROR body into the typed exception for its code, keeping the server's code and message.</summary>
internal static class ErrorDecoder
{
    public static CqlServerException Decode(BodyReader reader)
    {
        var code = (ServerErrorCode)reader.ReadInt();
        var message = reader.ReadString();
        return code switch
        {
            ServerErrorCode.ServerError => new ServerErrorException(message),
            ServerErrorCode.ProtocolError => new ProtocolErrorException(message),
            ServerErrorCode.Unavailable => new UnavailableException(message, Consistency(reader), reader.ReadInt(), reader.ReadInt()),
            ServerErrorCode.Overloaded => new OverloadedException(message),
            ServerErrorCode.IsBootstrapping => new IsBootstrappingException(message),
            ServerErrorCode.TruncateError => new TruncateException(message),
            ServerErrorCode.WriteTimeout => new WriteTimeoutException(message, Consistency(reader), reader.ReadInt(), reader.ReadInt(), reader.ReadString()),
            ServerErrorCode.ReadTimeout => new ReadTimeoutException(message, Consistency(reader), reader.ReadInt(), reader.ReadInt(), reader.ReadByte() != 0),
            ServerErrorCode.ReadFailure => new ReadFailureException(message, Consistency(reader), reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadByte() != 0),
            ServerErrorCode.FunctionFailure => new FunctionFailureException(message, reader.ReadString(), reader.ReadString(), reader.ReadStringList()),
            ServerErrorCode.WriteFailure => new WriteFailureException(message, Consistency(reader), reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadString()),
            ServerErrorCode.SyntaxError => new SyntaxError(message),
            ServerErrorCode.Unauthorized => new UnauthorizedException(message),
            ServerErrorCode.Invalid => new InvalidQueryException(message),
            ServerErrorCode.ConfigError => new InvalidConfigurationInQueryException(message),
            ServerErrorCode.AlreadyExists => new AlreadyExistsException(message, reader.ReadString(), reader.ReadString()),
            ServerErrorCode.Unprepared => new PreparedQueryNotFoundException(message, reader.ReadShortBytes()),
            // Bad credentials surface as AuthenticationException during the handshake; elsewhere, and for
            // codes newer than v4, keep the code and message as sent.
            _ => new CqlServerException(code, message),
        };
    }

    private static ConsistencyLevel Consistency(BodyReader reader) => (ConsistencyLevel)reader.ReadShort();
}
