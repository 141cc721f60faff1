using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UserStream.ServiceDefaults;

/// <summary>
/// ASP.NET Core's own request span carries no tags without the instrumentation package (not served here):
/// add the HTTP semantic-convention tags and name the span "METHOD route", so traces are readable and
/// <see cref="HealthProbeTraceFilter"/> can recognise health probes by their path.
/// </summary>
internal static class HttpServerSpanEnrichment
{
    public static WebApplication UseHttpServerSpanEnrichment(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var activity = Activity.Current;
            if (activity?.Source.Name != "Microsoft.AspNetCore")
            {
                await next(context);
                return;
            }

            activity.SetTag("http.request.method", context.Request.Method);
            activity.SetTag("url.path", context.Request.Path.Value);
            try
            {
                await next(context);
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                if (route is not null)
                    activity.SetTag("http.route", route);
                activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
                activity.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.Response.StatusCode >= 500)
                    activity.SetStatus(ActivityStatusCode.Error);
            }
        });
        return app;
    }
}
