using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Retries;

/// <summary>
/// A real ingestor whose source fails: a run failing twice then succeeding goes through attempts 1–3 and completes; a
/// permanent error fails it at once, and POST /runs/retry-failed brings it back once the cause is gone.
/// </summary>
public sealed class RunRetryProcessTests
{
    [Fact]
    public async Task A_run_failing_twice_then_succeeding_is_retried_with_backoff_and_completes_at_attempt_3()
    {
        await using var source = await FailingSource.StartAsync(failures: 2, failWith: 503);
        await using var ingestor = await StartAsync(source);
        using var http = ingestor.CreateClient();

        var runId = await StartRunAsync(http, "twice");
        var seen = new HashSet<(string, int)>();
        var run = await Eventually.ReturnsAsync(async () =>
            {
                var now = await RunAsync(http, runId);
                seen.Add((now.GetProperty("status").GetString()!, now.GetProperty("attempt").GetInt32()));
                return now;
            }, r => r.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(90), $"run {runId} completed");

        Assert.Equal(3, run.GetProperty("attempt").GetInt32());
        Assert.Equal(10, run.GetProperty("published").GetInt32());
        Assert.Equal(3, source.Requests); // each attempt asked once (the client's own retries are off here)
        Assert.Contains($"Run {runId} attempt 1 failed", ingestor.Output);
        Assert.Contains($"Run {runId} attempt 2 failed", ingestor.Output);
        Assert.Contains($"Retrying run {runId}: attempt 3", ingestor.Output);
        Assert.Contains(seen, s => s.Item1 == "retrying"); // the run was seen waiting for its next attempt
    }

    [Fact]
    public async Task A_permanent_source_error_fails_the_run_at_once_and_retry_failed_brings_it_back()
    {
        await using var source = await FailingSource.StartAsync(failures: int.MaxValue, failWith: 400);
        await using var ingestor = await StartAsync(source);
        using var http = ingestor.CreateClient();

        var runId = await StartRunAsync(http, "permanent");
        var failed = await Eventually.ReturnsAsync(() => RunAsync(http, runId), r => r.GetProperty("status").GetString() == "failed",
            TimeSpan.FromSeconds(60), $"run {runId} failed");
        Assert.Equal(1, failed.GetProperty("attempt").GetInt32());
        Assert.Contains("400", failed.GetProperty("error").GetString());
        Assert.Contains("not retried", ingestor.Output);

        using (var anonymous = ingestor.CreateAnonymousClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("runs/retry-failed", null)).StatusCode);
        source.Failures = 0; // the cause is gone
        using var retried = await http.PostAsync("runs/retry-failed", null);
        var answer = JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, answer.GetProperty("retried").GetInt32());
        Assert.Equal(runId, answer.GetProperty("runs")[0].GetString());

        var completed = await Eventually.ReturnsAsync(() => RunAsync(http, runId), r => r.GetProperty("status").GetString() == "completed",
            TimeSpan.FromSeconds(60), $"run {runId} completed after the retry");
        Assert.Equal(2, completed.GetProperty("attempt").GetInt32());
    }

    private static async Task<ServiceProcess> StartAsync(FailingSource source)
    {
        var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = await SharedInfrastructure.CreateDatabaseAsync(),
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = SharedInfrastructure.CreateTopic("retried-users", 1),
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Ingestion__Source__MaxRetries"] = "0", // one request per attempt: the run's retries are what is tested
            ["Ingestion__Retries__Count"] = "3",
            ["Ingestion__Retries__Delay"] = "00:00:01", // 1 s, then 2 s: long enough to be seen waiting
            ["Ingestion__RunLease"] = "00:00:01.500", // a sweep every 0.5 s takes up the retries when due
        });
        using var http = ingestor.CreateClient();
        await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");
        return ingestor;
    }

    private static async Task<string> StartRunAsync(HttpClient http, string seed)
    {
        using var accepted = await http.PostAsJsonAsync("runs", new { count = 10, seed });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> RunAsync(HttpClient http, string runId) =>
        JsonDocument.Parse(await http.GetStringAsync($"runs/{runId}")).RootElement.Clone();
}
