using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ServiceDiscovery;
using UserStream.Testing;
using UserStream.Ingestor.Source;
using UserStream.Source.Faults;
using UserStream.Ingestor.Tests.Source;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// The Refit source client behind its standard resilience handler, against the bundled source's failure
/// injection over real HTTP. The source counts the requests it saw per page, so attempts are asserted exactly.
/// </summary>
public sealed class SourceClientResilienceTests
{
    [Fact]
    public async Task Http_source_resolves_through_service_discovery_to_the_configured_address()
    {
        await using var source = await SourceServer.StartAsync();
        using var client = SourceClientHost.Create(source.Client.BaseAddress!, Options());

        var resolver = client.Services.GetRequiredService<ServiceEndpointResolver>();
        var endpoints = await resolver.GetEndpointsAsync(SourceClientRegistration.BaseAddress.ToString(), CancellationToken.None);
        var page = await client.Client.FetchAsync(3, "discovered", 1, CancellationToken.None);

        var endpoint = Assert.Single(endpoints.Endpoints);
        Assert.Equal(source.Client.BaseAddress!.ToString(), endpoint.EndPoint.ToString());
        Assert.Equal(3, page.Records.Count);
    }

    [Fact]
    public async Task Responses_5xx_are_retried_until_the_source_answers()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "0.5" });
        using var client = SourceClientHost.Create(source.Client.BaseAddress!, Options(maxRetries: 8));
        var seeds = Enumerable.Range(0, 6).Select(i => $"flaky-5xx-{i}").ToList();

        foreach (var seed in seeds)
            Assert.Equal(2, (await client.Client.FetchAsync(2, seed, 1, CancellationToken.None)).Records.Count);

        Assert.Contains(seeds, seed => Attempts(source, seed) > 1);
    }

    [Fact]
    public async Task A_source_failing_every_attempt_fails_after_MaxRetries_plus_one_attempts_with_the_status()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "1" });
        using var client = SourceClientHost.Create(source.Client.BaseAddress!, Options(maxRetries: 2));

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => client.Client.FetchAsync(2, "always-503", 1, CancellationToken.None));

        Assert.Contains("503", error.Message);
        Assert.Contains("3 attempts", error.Message);
        Assert.Equal(3, Attempts(source, "always-503"));
    }

    [Fact]
    public async Task Responses_429_are_retried_after_the_delay_Retry_After_asks_for()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?>
        {
            ["Source:FailureRate"] = "1",
            ["Source:FailureStatus"] = "429",
            ["Source:RetryAfterSeconds"] = "1",
        });
        // The backoff alone would wait far longer than Retry-After's one second.
        using var client = SourceClientHost.Create(source.Client.BaseAddress!, Options(maxRetries: 1, retryDelay: TimeSpan.FromMinutes(10)));

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => client.Client.FetchAsync(2, "throttled", 1, CancellationToken.None));

        Assert.Contains("429", error.Message);
        Assert.Equal(2, Attempts(source, "throttled"));
        var retry = Assert.Single(client.Logs.Lines, l => l.Message.StartsWith("Source request failed", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, retry.Level);
        Assert.Contains("429", retry.Message);
        Assert.EndsWith($"in {TimeSpan.FromSeconds(1)}", retry.Message);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried_and_every_attempt_timing_out_fails_with_the_reason()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?>
        {
            ["Source:SlowRate"] = "1",
            ["Source:SlowDelay"] = "00:01:00",
        });
        using var client = SourceClientHost.Create(source.Client.BaseAddress!, Options(maxRetries: 2, attemptTimeout: TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => client.Client.FetchAsync(2, "slow", 1, CancellationToken.None));

        Assert.Contains("3 attempts", error.Message);
        Assert.Contains("timed out", error.Message);
        Assert.Equal(3, Attempts(source, "slow"));
    }

    [Fact]
    public async Task Slow_attempts_are_abandoned_and_retried_until_one_answers()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?>
        {
            ["Source:SlowRate"] = "0.5",
            ["Source:SlowDelay"] = "00:01:00",
        });
        using var client = SourceClientHost.Create(source.Client.BaseAddress!, Options(maxRetries: 8, attemptTimeout: TimeSpan.FromSeconds(2)));
        var seeds = Enumerable.Range(0, 4).Select(i => $"sometimes-slow-{i}").ToList();

        foreach (var seed in seeds)
            Assert.Equal(2, (await client.Client.FetchAsync(2, seed, 1, CancellationToken.None)).Records.Count);

        Assert.Contains(seeds, seed => Attempts(source, seed) > 1);
    }

    [Fact]
    public async Task An_unreachable_source_fails_with_its_address()
    {
        var closedPort = FreePort.Next();
        using var client = SourceClientHost.Create(new Uri($"http://127.0.0.1:{closedPort}/"), Options(maxRetries: 1));

        var error = await Assert.ThrowsAsync<SourceUnavailableException>(() => client.Client.FetchAsync(2, "nowhere", 1, CancellationToken.None));

        Assert.Contains($"127.0.0.1:{closedPort}", error.Message);
        Assert.Contains("2 attempts", error.Message);
    }

    private static int Attempts(SourceServer source, string seed) =>
        source.Services.GetRequiredService<FailureInjector>().Attempts(seed, 1);

    private static SourceClientOptions Options(int maxRetries = 3, TimeSpan? retryDelay = null, TimeSpan? attemptTimeout = null) => new()
    {
        MaxRetries = maxRetries,
        RetryDelay = retryDelay ?? TimeSpan.FromMilliseconds(20),
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
    };
}
