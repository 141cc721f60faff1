using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace UserStream.Dashboard.Pages;

/// <summary>
/// The HTML around every page: header, navigation and the page's own script. Pages draw themselves
/// in the browser from the JSON API; every script and style comes from this library, none from a CDN.
/// </summary>
internal static class PageShell
{
    /// <summary>Only our own scripts run; no page of ours loads anything from elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly (string Page, string Href, string Label)[] Navigation =
    [
        ("resources", "/resources", "Resources"),
        ("console", "/console", "Console"),
        ("logs", "/logs", "Structured logs"),
        ("traces", "/traces", "Traces"),
        ("metrics", "/metrics", "Metrics"),
    ];

    public static IResult Page(string page, string title, string script)
    {
        var html = new StringBuilder();
        Head(html, title);
        html.Append($"<body data-page=\"{page}\">\n<header class=\"topbar\"><a class=\"brand\" href=\"/resources\">")
            .Append("<svg viewBox=\"0 0 24 24\" width=\"22\" height=\"22\" aria-hidden=\"true\"><path d=\"M3 17l5-6 4 4 8-10\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>")
            .Append("UserStream</a><nav>");
        foreach (var item in Navigation)
            html.Append($"<a href=\"{item.Href}\"{(item.Page == page ? " class=\"active\"" : "")}>{item.Label}</a>");
        html.Append("</nav><a class=\"logout\" href=\"/logout\">Sign out</a></header>\n")
            .Append($"<main id=\"main\"><h1>{WebUtility.HtmlEncode(title)}</h1><div id=\"content\"><p class=\"muted\">Loading…</p></div></main>\n")
            .Append("<script src=\"/assets/common.js\"></script><script src=\"/assets/charts.js\"></script>")
            .Append($"<script src=\"/assets/{script}\"></script>\n</body></html>");
        return Html(html.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Login(string? error, string? returnUrl, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        Head(html, "Sign in");
        html.Append("<body class=\"login\"><form class=\"login-card\" method=\"get\" action=\"/login\">")
            .Append("<h1>UserStream dashboard</h1>")
            .Append("<p class=\"muted\">Open the login link the AppHost printed at start-up, or paste its token (the part after <code>t=</code>).</p>");
        if (error is not null)
            html.Append($"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>");
        html.Append("<label for=\"t\">Token</label><input id=\"t\" name=\"t\" type=\"password\" autocomplete=\"off\" autofocus required>");
        if (!string.IsNullOrEmpty(returnUrl))
            html.Append($"<input type=\"hidden\" name=\"returnUrl\" value=\"{WebUtility.HtmlEncode(returnUrl)}\">");
        html.Append("<button type=\"submit\">Sign in</button></form></body></html>");
        return Html(html.ToString(), status);
    }

    private static void Head(StringBuilder html, string title) =>
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{WebUtility.HtmlEncode(title)} · UserStream</title>")
            .Append("<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/dashboard.css\"></head>\n");

    private static IResult Html(string html, int status) => new HtmlResult(html, status);

    private sealed class HtmlResult(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return context.Response.WriteAsync(html);
        }
    }
}
