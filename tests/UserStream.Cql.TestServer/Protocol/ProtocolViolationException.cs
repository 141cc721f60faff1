namespace UserStream.Cql.TestServer.Protocol;

/// <summary>The client sent bytes that do not follow the protocol; answered with a protocol ERROR.</summary>
internal sealed class ProtocolViolationException(string message) : Exception(message);
