namespace UserStream.Cql;

/// <summary>The coordinator is still bootstrapping (code 0x1002).</summary>
public sealed class IsBootstrappingException(string serverMessage) : CqlServerException(ServerErrorCode.IsBootstrapping, serverMessage);
