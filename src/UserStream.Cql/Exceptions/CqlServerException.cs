namespace UserStream.Cql;

/// <summary>An ERROR frame from the server: carries the server's error code and message as sent.</summary>
public class CqlServerException : DriverException
{
    /// <summary>Creates the exception from the code and message of an ERROR frame.</summary>
    public CqlServerException(ServerErrorCode code, string serverMessage)
        : base($"Server error 0x{(int)code:X4} ({code}): {serverMessage}")
    {
        Code = code;
        ServerMessage = serverMessage;
    }

    /// <summary>The error code the server sent.</summary>
    public ServerErrorCode Code { get; }

    /// <summary>The message the server sent, unchanged.</summary>
    public string ServerMessage { get; }
}
