using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using UserStream.Dashboard.Pages;

namespace UserStream.Dashboard.Auth;

/// <summary><c>/login?t=TOKEN</c> sets the auth cookie and goes on to the dashboard; <c>/logout</c> clears it.</summary>
internal static class LoginEndpoints
{
    public static void MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", (HttpContext context, IOptions<DashboardOptions> options, string? t, string? returnUrl) =>
        {
            if (t is null)
                return PageShell.Login(error: null, returnUrl);
            var token = new DashboardToken(options.Value.BrowserToken);
            if (!token.Matches(t))
                return PageShell.Login("That token is not the one the AppHost printed.", returnUrl, StatusCodes.Status401Unauthorized);
            context.Response.Cookies.Append(DashboardToken.CookieName, token.CookieValue, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                IsEssential = true,
            });
            return Results.Redirect(IsLocalPath(returnUrl) ? returnUrl! : "/");
        }).WithMetadata(new AllowWithoutDashboardToken());

        endpoints.MapGet("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(DashboardToken.CookieName, new CookieOptions { Path = "/" });
            return Results.Redirect("/login");
        }).WithMetadata(new AllowWithoutDashboardToken());
    }

    /// <summary>Only paths on this site, so a crafted link cannot bounce a signed-in browser elsewhere.</summary>
    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
