using System.Net;
using System.Net.Http.Json;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;
using static UserStream.Ingestor.Tests.Source.GeneratorFixtures;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests.Source;

public sealed class FailureInjectionTests
{
    [Fact]
    public async Task Failure_rate_1_answers_every_request_with_503_problem_and_retry_after()
    {
        await using var server = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "1" });

        using var response = await server.Client.GetAsync("/api/?results=2&seed=down");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Failure_rate_fails_about_that_fraction_and_retries_get_through()
    {
        await using var server = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "0.5" });

        var statuses = new List<HttpStatusCode>();
        for (var page = 1; page <= 100; page++)
        {
            using var response = await server.Client.GetAsync($"/api/?results=1&seed=flaky&page={page}&inc=nat");
            statuses.Add(response.StatusCode);
        }
        var retriesNeeded = 0;
        while (true)
        {
            using var response = await server.Client.GetAsync("/api/?results=1&seed=retry&inc=nat");
            if (response.IsSuccessStatusCode)
                break;
            Assert.True(++retriesNeeded < 30, "a retry never succeeded");
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.ServiceUnavailable), 30, 70);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task Failures_are_off_by_default_and_health_is_never_failed()
    {
        await using var server = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "1" });
        await using var healthy = await SourceServer.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/alive")).StatusCode);
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await healthy.Client.GetAsync($"/api/?seed=s{i}")).StatusCode);
    }

    [Fact]
    public void Malformed_rate_spoils_about_that_fraction_of_records_with_uuid_or_email_problems()
    {
        var users = Generator(malformedRate: 0.2).Generate(Request(results: 2000));

        var problems = users.Select(RandomUserValidator.Validate).Where(p => p.Count > 0).ToList();
        Assert.InRange(problems.Count, 320, 480);
        Assert.All(problems, p => Assert.Contains(p, text => text.Contains("login.uuid") || text.Contains("email")));
        Assert.Contains(problems, p => p.Contains("missing login.uuid"));
        Assert.Contains(problems, p => p.Contains("missing email"));
        Assert.Contains(problems, p => p.Any(text => text.StartsWith("login.uuid is not a UUID")));
    }

    [Fact]
    public void Malformed_records_are_the_same_on_every_fetch_of_a_page()
    {
        static int[] BadPositions() =>
            [.. Generator(malformedRate: 0.3).Generate(Request(seed: "bad", results: 300))
                .Select((u, i) => (Valid: RandomUserValidator.Validate(u).Count == 0, i))
                .Where(x => !x.Valid).Select(x => x.i)];

        var first = BadPositions();
        Assert.NotEmpty(first);
        Assert.Equal(first, BadPositions());
    }

    [Fact]
    public async Task Malformed_rate_1_over_http_gives_only_invalid_records()
    {
        await using var server = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:MalformedRate"] = "1" });

        var body = await server.Client.GetFromJsonAsync<RandomUserResponse>("/api/?results=50&seed=m", ContractJson.Options);

        Assert.All(body!.Results, u => Assert.NotEmpty(RandomUserValidator.Validate(u)));
    }

    [Fact]
    public async Task Rates_outside_0_to_1_stop_the_service_from_starting()
    {
        await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "1.5" }));
    }
}
