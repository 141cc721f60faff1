namespace UserStream.Cql;

/// <summary>The server sent a frame this client cannot decode (truncated body, unknown kind or type).</summary>
public sealed class FrameDecodingException(string message) : DriverException(message);
