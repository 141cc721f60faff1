using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace UserStream.ServiceDefaults;

/// <summary>
/// The ASP.NET Core instrumentation names a request span "METHOD route" from the raw route pattern, so a
/// group's root route (<c>MapGroup("/runs").MapGet("/")</c>) reads "GET /runs/": drop that trailing slash.
/// </summary>
internal static class RequestSpanNames
{
    public static void DropTrailingSlash(Activity activity, HttpResponse response)
    {
        var name = activity.DisplayName;
        // Keep "GET /" (the root route) as it is.
        if (name.Length > 2 && name.EndsWith('/') && name[^2] != ' ')
            activity.DisplayName = name.TrimEnd('/');
    }
}
