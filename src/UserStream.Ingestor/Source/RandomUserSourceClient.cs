using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace UserStream.Ingestor.Source;

/// <summary>
/// Typed client of a randomuser.me-compatible API. Each request gets a per-attempt timeout and is
/// retried with jittered exponential backoff on 5xx, 429 (honouring Retry-After), timeouts and
/// network errors; when every attempt fails it throws <see cref="SourceUnavailableException"/>.
/// </summary>
public sealed class RandomUserSourceClient
{
    private readonly HttpClient _http;
    private readonly SourceClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ILogger<RandomUserSourceClient> _logger;

    public RandomUserSourceClient(HttpClient http, IOptions<SourceClientOptions> options, ILogger<RandomUserSourceClient> logger)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, _options.MaxRetries),
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    _logger.LogWarning("Source request failed ({Outcome}); retry {Attempt} in {Delay}",
                        Describe(args.Outcome), args.AttemptNumber + 1, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    public Uri BaseAddress => _http.BaseAddress ?? new Uri("http://unset/");

    /// <summary>Fetches page <paramref name="page"/> of <paramref name="results"/> users generated from <paramref name="seed"/>.</summary>
    public async Task<FetchedPage> FetchAsync(int results, string seed, int page, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"api/?results={results}&seed={Uri.EscapeDataString(seed)}&page={page}");
        if (!string.IsNullOrWhiteSpace(_options.Nationalities))
            query += "&nat=" + Uri.EscapeDataString(_options.Nationalities);

        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token => await _http.GetAsync(query, HttpCompletionOption.ResponseContentRead, token), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new SourceUnavailableException(
                $"source {new Uri(BaseAddress, query)} failed after {_options.MaxRetries + 1} attempts: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new SourceUnavailableException(
                    $"source {new Uri(BaseAddress, query)} answered {(int)response.StatusCode} {response.ReasonPhrase}" +
                    (IsTransient(response.StatusCode) ? $" after {_options.MaxRetries + 1} attempts" : ""));
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return RandomUserPageReader.Read(body);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
            return delta < TimeSpan.FromSeconds(30) ? delta : TimeSpan.FromSeconds(30);
        return null; // null: use the exponential backoff
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.Message ?? $"{(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}";
}
