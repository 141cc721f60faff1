namespace UserStream.Cql;

/// <summary>Base of every error this client raises, whether detected locally or reported by the server.</summary>
public class DriverException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public DriverException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public DriverException(string message, Exception? innerException) : base(message, innerException) { }
}
