namespace UserStream.Cql;

/// <summary>A value cannot be converted to or from the CQL type it is bound to or read as.</summary>
public sealed class InvalidTypeException(string message) : DriverException(message);
