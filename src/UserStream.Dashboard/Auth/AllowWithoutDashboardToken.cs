namespace UserStream.Dashboard.Auth;

/// <summary>Endpoint metadata: reachable without the browser token (OTLP receiver, login page, static assets).</summary>
internal sealed class AllowWithoutDashboardToken;
