using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using UserStream.Cql;
using UserStream.UserStore;

namespace UserStream.Api.Users;

/// <summary>
/// A read that meets the user store down, restarting or frozen is answered 503 ProblemDetails with <c>Retry-After</c>,
/// never a 500. What a store error means is the store's own decision (<see cref="IUserStore.Classify"/>); when its schema
/// is gone (a wiped or restored database) it is created again before the answer, so the retry finds it.
/// </summary>
public sealed class StoreUnavailableFilter(IUserStore store, UserStoreInitializer schema, ILogger<StoreUnavailableFilter> logger) : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested && IsStoreFailure(e) && store.Classify(e) != StoreErrorKind.Rejected)
        {
            if (store.Classify(e) == StoreErrorKind.SchemaMissing)
                await schema.RecreateAsync(http.RequestAborted);
            logger.LogWarning("{Method} {Path}: the {Kind} user store is unavailable ({Error}); answered 503",
                http.Request.Method, http.Request.Path, store.Kind, e.Message);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "The user store is unavailable",
                detail: $"The {store.Kind} user store did not answer ({e.Message}); try again in {RetryAfterSeconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Failures of the store's client or its connection, not of our own code.</summary>
    private static bool IsStoreFailure(Exception e) =>
        e is DbException or DriverException or SocketException or IOException or TimeoutException;
}
