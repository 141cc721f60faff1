namespace UserStream.Cql.Protocol.Responses;

/// <summary>A decoded response message, with the envelope data the header flags announced.</summary>
internal abstract record Response
{
    public Guid? TracingId { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}

internal sealed record ReadyResponse : Response;

internal sealed record AuthenticateResponse(string Authenticator) : Response;

internal sealed record AuthChallengeResponse(byte[]? Token) : Response;

internal sealed record AuthSuccessResponse(byte[]? Token) : Response;

internal sealed record SupportedResponse(IReadOnlyDictionary<string, IReadOnlyList<string>> Options) : Response;

internal sealed record ErrorResponse(CqlServerException Error) : Response;

/// <summary>A server-pushed EVENT; this client does not REGISTER, so it only skips them.</summary>
internal sealed record EventResponse(string EventType) : Response;
