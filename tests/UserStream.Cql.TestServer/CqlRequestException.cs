namespace UserStream.Cql.TestServer;

/// <summary>Raised while handling a request; the connection answers it with <see cref="Error"/>.</summary>
internal sealed class CqlRequestException(CqlServerError error) : Exception(error.Message)
{
    public CqlServerError Error { get; } = error;
}
