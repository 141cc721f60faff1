namespace UserStream.Cql;

/// <summary>
/// The node does not know the prepared statement id (code 0x2500). Sessions re-prepare and retry on their
/// own; this surfaces only when re-preparing did not help.
/// </summary>
public sealed class PreparedQueryNotFoundException(string serverMessage, byte[] unknownId)
    : QueryValidationException(ServerErrorCode.Unprepared, serverMessage)
{
    /// <summary>The statement id the server did not know.</summary>
    public byte[] UnknownId { get; } = unknownId;
}
