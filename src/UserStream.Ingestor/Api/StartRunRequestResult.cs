namespace UserStream.Ingestor.Api;

/// <summary>The body of POST /runs, or why it was refused: the HTTP status and errors by field.</summary>
public sealed record StartRunRequestResult(StartRunRequest? Request, int StatusCode, Dictionary<string, string[]> Errors)
{
    public static StartRunRequestResult Read(StartRunRequest? request) => new(request, StatusCodes.Status200OK, []);

    public static StartRunRequestResult Invalid(string field, string message) => Rejected(StatusCodes.Status400BadRequest, field, message);

    public static StartRunRequestResult Rejected(int statusCode, string field, string message) =>
        new(null, statusCode, new Dictionary<string, string[]> { [field] = [message] });
}
