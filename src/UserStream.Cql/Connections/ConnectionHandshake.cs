using UserStream.Cql.Protocol.Requests;
using UserStream.Cql.Protocol.Responses;

namespace UserStream.Cql.Connections;

/// <summary>OPTIONS → SUPPORTED, STARTUP → READY, or AUTHENTICATE → AUTH_RESPONSE (SASL PLAIN) → AUTH_SUCCESS.</summary>
internal static class ConnectionHandshake
{
    public static async Task RunAsync(CqlConnection connection, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var options = await SendAsync(connection, new OptionsRequest(), settings, cancellationToken).ConfigureAwait(false);
        if (options is not SupportedResponse) throw Unexpected(connection, options, "SUPPORTED");

        var startup = await SendAsync(connection, StartupRequest.ForCqlVersion(StartupRequest.DefaultCqlVersion), settings, cancellationToken).ConfigureAwait(false);
        switch (startup)
        {
            case ReadyResponse:
                return;
            case AuthenticateResponse authenticate:
                await AuthenticateAsync(connection, authenticate.Authenticator, settings, cancellationToken).ConfigureAwait(false);
                return;
            default:
                throw Unexpected(connection, startup, "READY or AUTHENTICATE");
        }
    }

    private static async Task AuthenticateAsync(CqlConnection connection, string authenticator, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.HasCredentials)
            throw new AuthenticationException(connection.Address, $"the server requires authentication ({authenticator}) but no credentials are configured");

        var answer = await SendAsync(connection, AuthResponseRequest.PlainText(settings.Username!, settings.Password ?? ""), settings, cancellationToken).ConfigureAwait(false);
        switch (answer)
        {
            case AuthSuccessResponse:
                return;
            case ErrorResponse error:
                throw new AuthenticationException(connection.Address, error.Error.ServerMessage, error.Error.Code);
            case AuthChallengeResponse:
                // SASL PLAIN is one round trip; a challenge means a different mechanism.
                throw new AuthenticationException(connection.Address, $"the authenticator {authenticator} sent a challenge; only password (SASL PLAIN) authentication is supported");
            default:
                throw Unexpected(connection, answer, "AUTH_SUCCESS");
        }
    }

    private static async Task<Response> SendAsync(CqlConnection connection, IRequest request, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var frame = await connection.SendAsync(request, settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        var response = ResponseDecoder.Decode(frame);
        if (response is ErrorResponse { Error: ProtocolErrorException protocolError }
            && protocolError.ServerMessage.Contains("version", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedProtocolVersionException(connection.Address, null, protocolError.ServerMessage);
        }
        return response;
    }

    private static Exception Unexpected(CqlConnection connection, Response response, string expected) => response is ErrorResponse error
        ? error.Error
        : new FrameDecodingException($"{connection.Address} answered the handshake with {response.GetType().Name} where {expected} was expected.");
}
