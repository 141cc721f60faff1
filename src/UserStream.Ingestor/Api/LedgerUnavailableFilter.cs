using UserStream.Ingestor.Ledger;

namespace UserStream.Ingestor.Api;

/// <summary>
/// A request that meets PostgreSQL down, restarting or frozen (an error <see cref="PostgresErrors"/> calls transient), or the
/// ledger schema missing, is answered 503 ProblemDetails with <c>Retry-After</c>, never a 500. A missing schema is created
/// again before the answer, so the retry finds it.
/// </summary>
public sealed class LedgerUnavailableFilter(LedgerRetry retry, ILogger<LedgerUnavailableFilter> logger) : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (!context.HttpContext.RequestAborted.IsCancellationRequested && PostgresErrors.IsRecoverable(e))
        {
            await retry.RecoverAsync(e, context.HttpContext.RequestAborted);
            logger.LogWarning("{Method} {Path}: the ledger is unavailable ({Error}); answered 503", context.HttpContext.Request.Method,
                context.HttpContext.Request.Path, e.Message);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "The ingestion ledger is unavailable",
                detail: $"PostgreSQL did not answer ({e.Message}); try again in {RetryAfterSeconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
