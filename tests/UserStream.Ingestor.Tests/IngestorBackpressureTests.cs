using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// A real ingestor scheduling runs against a source that answers nothing: runs stop piling up at
/// Ingestion:MaxQueuedRuns, later ticks are skipped and counted, and POST /runs answers 429 with Retry-After.
/// </summary>
public sealed partial class IngestorBackpressureTests
{
    private const int MaxQueuedRuns = 5;
    private const int Ticks = 30;

    [Fact]
    public async Task Thirty_ticks_against_a_stalled_source_leave_at_most_MaxQueuedRuns_runs_and_count_the_rest_as_skipped()
    {
        await using var source = await GatedSource.StartAsync(holdFromPage: 1); // every page is held: no run gets anywhere
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = await SharedInfrastructure.CreateDatabaseAsync(),
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Schedule__Interval"] = "00:00:00.200",
            ["Ingestion__Schedule__UsersPerRun"] = "10",
            ["Ingestion__MaxQueuedRuns"] = MaxQueuedRuns.ToString(CultureInfo.InvariantCulture),
            ["Ingestion__Source__AttemptTimeout"] = "00:05:00", // held requests must not time out and fail their runs
        });
        using var http = ingestor.CreateClient();

        var (runs, skipped) = await Eventually.ReturnsAsync(async () => (await RunsAsync(http), await SkippedAsync(http)),
            r => r.Item1.Count + r.Item2 >= Ticks, TimeSpan.FromSeconds(90), $"{Ticks} schedule ticks");

        Assert.Equal(MaxQueuedRuns, runs.Count);
        Assert.All(runs, r => Assert.Contains(r, new[] { "queued", "fetching" }));
        Assert.True(skipped >= Ticks - MaxQueuedRuns, $"{skipped} ticks counted as skipped");
        Assert.Contains("Schedule tick skipped: 5 runs are already queued or fetching", ingestor.Output);

        using var refused = await http.PostAsJsonAsync("runs", new { count = 10 });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("Ingestion:MaxQueuedRuns", await refused.Content.ReadAsStringAsync());
        Assert.Equal(MaxQueuedRuns, (await RunsAsync(http)).Count); // neither the ticks nor the request added a run
    }

    private static async Task<List<string>> RunsAsync(HttpClient http) =>
        [.. JsonDocument.Parse(await http.GetStringAsync("runs?limit=200")).RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];

    /// <summary>The skip counter as Prometheus scrapes it from /metrics (0 until the first skip).</summary>
    private static async Task<long> SkippedAsync(HttpClient http)
    {
        var match = SkippedLine().Match(await http.GetStringAsync("metrics"));
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^ingest_schedule_skipped(?:_ticks)?_total(?:\{[^}]*\})? (\d+)", RegexOptions.Multiline)]
    private static partial Regex SkippedLine();
}
