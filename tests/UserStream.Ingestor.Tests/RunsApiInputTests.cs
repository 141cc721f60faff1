using System.Net;
using System.Text;
using System.Text.Json;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>Bad input to POST /runs and GET /runs is a 4xx ProblemDetails naming what is wrong, never a 500.</summary>
public sealed class RunsApiInputTests(IngestorProcessFixture fixture) : IClassFixture<IngestorProcessFixture>
{
    private readonly HttpClient _http = fixture.Client;

    [Theory]
    [InlineData("runs?limit=abc", "limit")]
    [InlineData("runs?limit=1.5", "limit")]
    [InlineData("runs?limit=", "limit")]
    [InlineData("runs?limit=99999999999", "limit")]
    [InlineData("runs?limit=0", "limit")]
    [InlineData("runs?limit=201", "limit")]
    [InlineData("runs?status=bogus", "status")]
    [InlineData("runs?status=", "status")]
    [InlineData("runs?trigger=cron", "trigger")]
    [InlineData("runs?trigger=", "trigger")]
    [InlineData("runs?from=yesterday", "from")]
    [InlineData("runs?from=2026-12-04T09:00:00", "from")]
    [InlineData("runs?from=2026-12-04", "from")]
    [InlineData("runs?to=2026-13-04T09:00:00Z", "to")]
    [InlineData("runs?from=2026-12-04T10:00:00Z&to=2026-12-04T09:00:00Z", "to")]
    [InlineData("runs?from=2026-12-04T10:00:00Z&to=2026-12-04T10:00:00Z", "to")]
    [InlineData("runs/not-a-uuid", "id")]
    public async Task Bad_query_parameters_get_a_400_problem_naming_the_parameter(string url, string parameter) =>
        await AssertProblemAsync(await _http.GetAsync(url), HttpStatusCode.BadRequest, parameter);

    [Fact]
    public async Task Starting_a_run_needs_the_api_key_and_following_runs_does_not()
    {
        using var stranger = fixture.Ingestor.CreateAnonymousClient();
        using var guesser = ServiceProcess.WithApiKey(fixture.Ingestor.CreateAnonymousClient(), "not-the-key");
        foreach (var client in new[] { stranger, guesser })
        {
            using var refused = await client.PostAsync("runs", new StringContent("""{"count": 10}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("X-Api-Key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("runs")).StatusCode); // Security:ProtectReads is off

        using var accepted = await _http.PostAsync("runs", new StringContent("""{"count": 10}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // Neither the key nor a wrong one is written to the service's log.
        Assert.DoesNotContain(ServiceProcess.ApiKey, fixture.Ingestor.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", fixture.Ingestor.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_filter_is_answered_with_the_allowed_values()
    {
        var message = await AssertProblemAsync(await _http.GetAsync("runs?status=bogus"), HttpStatusCode.BadRequest, "status");
        Assert.Contains("queued, fetching, retrying, publishing, completed, failed", message);
        Assert.Contains("bogus", message);
    }

    [Fact]
    public async Task Known_status_filters_and_limits_are_accepted()
    {
        foreach (var url in new[] { "runs?status=completed", "runs?status=failed&limit=5", "runs?limit=200", "runs" })
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Runs_are_filtered_by_trigger_and_by_when_they_were_requested_from_inclusive_to_exclusive()
    {
        var response = await PostRunAsync("""{"count":2,"seed":"filtered"}""", "application/json");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var posted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = posted.RootElement.GetProperty("id").GetString()!;
        var createdAt = posted.RootElement.GetProperty("createdAt").GetDateTimeOffset();
        string At(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

        Assert.Contains(id, await ListedIdsAsync($"runs?trigger=api&from={At(createdAt)}&limit=200"));
        Assert.Contains(id, await ListedIdsAsync($"runs?from={At(createdAt.AddMinutes(-1))}&to={At(createdAt.AddTicks(10))}"));
        Assert.DoesNotContain(id, await ListedIdsAsync($"runs?to={At(createdAt)}&limit=200"));
        Assert.DoesNotContain(id, await ListedIdsAsync($"runs?from={At(createdAt.AddTicks(10))}"));
        Assert.DoesNotContain(id, await ListedIdsAsync($"runs?trigger=schedule&limit=200"));
        // An offset other than UTC names the same instant.
        Assert.Contains(id, await ListedIdsAsync($"runs?from={At(createdAt.ToOffset(TimeSpan.FromHours(5.5)))}&limit=200"));
    }

    private async Task<IReadOnlyList<string>> ListedIdsAsync(string url)
    {
        var response = await _http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        using var runs = JsonDocument.Parse(text);
        return runs.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }

    [Theory]
    [InlineData("""{"count":"ten"}""", "count")]
    [InlineData("""{"count":10.5}""", "count")]
    [InlineData("""{"count":1e3}""", "count")]
    [InlineData("""{"count":99999999999}""", "count")]
    [InlineData("""{"count":true}""", "count")]
    [InlineData("""{"count":10,"seed":7}""", "seed")]
    [InlineData("""{"count":10,"seed":["a"]}""", "seed")]
    [InlineData("not json at all", "body")]
    [InlineData("""{"count":10""", "body")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("\"ten\"", "body")]
    [InlineData("42", "body")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    [InlineData("{}", "count")]
    [InlineData("""{"count":0}""", "count")]
    [InlineData("""{"count":10,"seed":"has space"}""", "seed")]
    public async Task A_bad_run_request_gets_a_400_problem_naming_the_field(string body, string field) =>
        await AssertProblemAsync(await PostRunAsync(body, "application/json"), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task A_run_request_that_is_not_json_gets_a_415_problem_naming_the_content_type() =>
        await AssertProblemAsync(await PostRunAsync("""{"count":10}""", "text/plain"), HttpStatusCode.UnsupportedMediaType, "content-type");

    [Fact]
    public async Task An_oversized_run_request_gets_a_413_problem()
    {
        var body = $$"""{"count":10,"seed":"{{new string('a', 200_000)}}"}""";
        await AssertProblemAsync(await PostRunAsync(body, "application/json"), HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task A_good_run_request_is_accepted()
    {
        var response = await PostRunAsync("""{"count":3,"seed":"good"}""", "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, run.RootElement.GetProperty("requested").GetInt32());
        Assert.Equal(0, run.RootElement.GetProperty("pagesFetched").GetInt32());
    }

    private Task<HttpResponseMessage> PostRunAsync(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return _http.PostAsync("runs", content);
    }

    /// <summary>Asserts the status, a problem+json body and an error entry for <paramref name="field"/>; returns its message.</summary>
    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"errors has no '{field}': {text}");
        var message = messages[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
