namespace UserStream.Cql;

/// <summary>The statement is invalid because of a configuration problem (code 0x2300).</summary>
public sealed class InvalidConfigurationInQueryException(string serverMessage) : QueryValidationException(ServerErrorCode.ConfigError, serverMessage);
