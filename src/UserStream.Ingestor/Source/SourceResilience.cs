using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace UserStream.Ingestor.Source;

/// <summary>The standard resilience handler's options from <c>Ingestion:Source:*</c>.</summary>
internal static class SourceResilience
{
    /// <summary>Longest wait between two attempts, also for a server's Retry-After.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public static void Apply(HttpStandardResilienceOptions resilience, SourceClientOptions source, ILogger logger)
    {
        var retries = Math.Max(0, source.MaxRetries);
        resilience.AttemptTimeout.Timeout = source.AttemptTimeout;

        // Retries on 5xx, 408, 429 (waiting for Retry-After when the server sends it), network errors and attempt timeouts.
        // Polly wants at least one retry attempt; MaxRetries = 0 means none is ever taken.
        resilience.Retry.MaxRetryAttempts = Math.Max(1, retries);
        if (retries == 0)
            resilience.Retry.ShouldHandle = _ => PredicateResult.False();
        resilience.Retry.Delay = source.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.MaxDelay = MaxRetryDelay;
        resilience.Retry.OnRetry = args =>
        {
            logger.LogWarning("Source request failed ({Outcome}); retry {Attempt} in {Delay}",
                args.Outcome.Exception?.Message ?? $"{(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.ReasonPhrase}",
                args.AttemptNumber + 1, args.RetryDelay);
            return ValueTask.CompletedTask;
        };

        // Room for every attempt and every wait between them: the total timeout must never cut the retries short.
        resilience.TotalRequestTimeout.Timeout = source.AttemptTimeout * (retries + 1) + MaxRetryDelay * retries + TimeSpan.FromSeconds(5);

        // The breaker's window must span at least two attempts (the options validator insists).
        var window = source.AttemptTimeout * 2;
        if (resilience.CircuitBreaker.SamplingDuration < window)
            resilience.CircuitBreaker.SamplingDuration = window;
    }
}
