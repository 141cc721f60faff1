using System.Security.Cryptography;

namespace UserStream.Dashboard;

/// <summary>Settings of the dashboard: the browser token and the bounds of the in-memory telemetry.</summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// The secret a browser presents once through <c>/login?t=TOKEN</c> (then a cookie) and an API
    /// client in the <c>X-UserStream-Token</c> header. A random one is made unless set.
    /// </summary>
    public string BrowserToken { get; set; } = CreateToken();

    /// <summary>Spans kept; past this the oldest are dropped (and counted).</summary>
    public int MaxSpans { get; set; } = 20_000;

    /// <summary>Structured log records kept; past this the oldest are dropped (and counted).</summary>
    public int MaxLogRecords { get; set; } = 20_000;

    /// <summary>Data points kept per metric series (one series = one metric and attribute set).</summary>
    public int MaxPointsPerSeries { get; set; } = 360;

    /// <summary>Metric series kept in all; past this the oldest series is dropped (its points counted).</summary>
    public int MaxMetricSeries { get; set; } = 2_000;

    /// <summary>Largest OTLP request body accepted, after decompression; larger ones get 413.</summary>
    public long MaxPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The path that logs a browser in, to print next to the dashboard's address.</summary>
    public string LoginPath => "/login?t=" + Uri.EscapeDataString(BrowserToken);

    /// <summary>A new random token: 128 bits, URL-safe.</summary>
    public static string CreateToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
