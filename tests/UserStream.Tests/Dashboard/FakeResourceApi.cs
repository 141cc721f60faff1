using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace UserStream.Tests.Dashboard;

/// <summary>
/// Stands in for the AppHost's resource API (<c>GET /api/resources</c>, <c>GET /api/resources/{name}/logs</c>)
/// in the AppHost's shapes, so the dashboard's pages can be tested without the AppHost.
/// </summary>
internal sealed class FakeResourceApi
{
    public static readonly DateTimeOffset StartedAt = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    public object[] Resources { get; set; } =
    [
        new
        {
            name = "postgres",
            type = "postgres",
            mode = "local",
            state = "healthy",
            endpoints = new[] { "tcp://127.0.0.1:5432" },
            environment = new Dictionary<string, string> { ["PGDATA"] = "/tmp/userstream-pg", ["POSTGRES_PASSWORD"] = "****" },
            pid = 4101,
            restarts = 0,
            startedAt = StartedAt,
        },
        new
        {
            name = "ingestor",
            type = "project",
            mode = "local",
            state = "running",
            endpoints = new[] { "http://127.0.0.1:5081" },
            environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__postgres"] = "Host=127.0.0.1;Port=5432;Username=userstream;Password=****",
                ["OTEL_SERVICE_NAME"] = "ingestor",
            },
            pid = 4242,
            restarts = 2,
            startedAt = StartedAt.AddSeconds(3),
        },
        new
        {
            name = "kafka",
            type = "kafka",
            mode = "external",
            state = "failed",
            endpoints = Array.Empty<string>(),
            environment = new Dictionary<string, string>(),
            pid = (int?)null,
            restarts = 0,
            startedAt = (DateTimeOffset?)null,
            note = "127.0.0.1:9092 refused the connection",
        },
    ];

    public Dictionary<string, string[]> ConsoleLines { get; } = new()
    {
        ["ingestor"] = ["info: UserStream.Ingestor[0] Now listening on: http://127.0.0.1:5081", "info: UserStream.Ingestor[1] Run 7 fetched 50 users"],
        ["postgres"] = ["LOG:  database system is ready to accept connections", "ERROR:  relation \"runs\" does not exist"],
    };

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/resources", () => Results.Json(Resources));
        endpoints.MapGet("/api/resources/{name}/logs", (string name) =>
            ConsoleLines.TryGetValue(name, out var lines)
                // The AppHost's LogLine: timestamp, text, isError.
                ? Results.Json(lines.Select((text, i) => new { timestamp = StartedAt.AddSeconds(i), text, isError = text.StartsWith("ERROR", StringComparison.Ordinal) }))
                : Results.NotFound());
    }
}
