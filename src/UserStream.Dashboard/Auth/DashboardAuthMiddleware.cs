using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace UserStream.Dashboard.Auth;

/// <summary>
/// Lets a request through with the auth cookie or the <c>X-UserStream-Token</c> header. Without
/// either, <c>/api/*</c> answers 401 and a page redirects to the login page.
/// </summary>
internal sealed class DashboardAuthMiddleware(RequestDelegate next, IOptions<DashboardOptions> options)
{
    private readonly DashboardToken _token = new(options.Value.BrowserToken);

    public Task InvokeAsync(HttpContext context)
    {
        if (IsOpenToAll(context) || IsSignedIn(context))
            return next(context);

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.Response.WriteAsJsonAsync(new { error = $"Sign in: open the login link the AppHost printed, or send the token in the {DashboardToken.HeaderName} header." });
        }
        var returnUrl = context.Request.Path + context.Request.QueryString;
        context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        return Task.CompletedTask;
    }

    private static bool IsOpenToAll(HttpContext context)
    {
        if (context.GetEndpoint() is { } endpoint)
            return endpoint.Metadata.GetMetadata<AllowWithoutDashboardToken>() is not null;
        // Routing not run yet (UseRouting placed after us): decide by path, so login never loops.
        var path = context.Request.Path;
        return path.StartsWithSegments("/login") || path.StartsWithSegments("/logout") || path.StartsWithSegments("/assets")
            || (HttpMethods.IsPost(context.Request.Method) && path.StartsWithSegments("/v1"));
    }

    private bool IsSignedIn(HttpContext context) =>
        _token.MatchesCookie(context.Request.Cookies[DashboardToken.CookieName])
        || _token.Matches(context.Request.Headers[DashboardToken.HeaderName].ToString());
}
