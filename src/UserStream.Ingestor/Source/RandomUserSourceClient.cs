using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using UserStream.ServiceDefaults;

namespace UserStream.Ingestor.Source;

/// <summary>
/// Fetches pages of users through <see cref="IRandomUserApi"/>. Per-attempt timeouts and retries live in the
/// HttpClient's standard resilience handler (<see cref="SourceClientRegistration"/>); what is left after every
/// attempt failed becomes a <see cref="SourceUnavailableException"/> that says why.
/// </summary>
public sealed class RandomUserSourceClient(IRandomUserApi api, IOptions<SourceClientOptions> options, IConfiguration configuration)
{
    private readonly SourceClientOptions _options = options.Value;
    private readonly string _address = DescribeAddress(configuration);

    /// <summary>Fetches page <paramref name="page"/> of <paramref name="results"/> users generated from <paramref name="seed"/>.</summary>
    /// <exception cref="SourceUnavailableException">every attempt failed, or the answer is not a randomuser page.</exception>
    public async Task<FetchedPage> FetchAsync(int results, string seed, int page, CancellationToken cancellationToken)
    {
        var nationalities = string.IsNullOrWhiteSpace(_options.Nationalities) ? null : _options.Nationalities;
        var attempts = Math.Max(0, _options.MaxRetries) + 1;
        HttpResponseMessage response;
        try
        {
            response = await api.GetUsersAsync(results, seed, page, nationalities, cancellationToken);
        }
        catch (ApiRequestException e) when (IsSourceFailure(e.InnerException, cancellationToken))
        {
            // Refit wraps what the handlers threw once every attempt had failed.
            throw new SourceUnavailableException($"{Request(results, seed, page)} failed after {attempts} attempts: {Reason(e.InnerException!)}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new SourceUnavailableException(
                    $"{Request(results, seed, page)} answered {(int)response.StatusCode} {response.ReasonPhrase}" +
                    (IsTransient(response.StatusCode) ? $" after {attempts} attempts" : ""), permanent: !IsTransient(response.StatusCode));
            var maxBytes = _options.MaxPageBytes;
            if (response.Content.Headers.ContentLength > maxBytes)
                throw TooLarge(results, seed, page, $"announced a body of {response.Content.Headers.ContentLength} bytes", maxBytes);
            PooledBody body;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                body = await PooledBody.ReadAsync(stream, maxBytes, cancellationToken);
            }
            catch (PooledBody.BodyTooLargeException)
            {
                throw TooLarge(results, seed, page, "sent a body", maxBytes);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new SourceUnavailableException($"{Request(results, seed, page)} broke off while sending its body: {e.Message}", e);
            }
            using (body)
                return RandomUserPageReader.Read(body.Span);
        }
    }

    private SourceUnavailableException TooLarge(int results, string seed, int page, string what, int maxBytes) => new(
        $"{Request(results, seed, page)} {what} over the {maxBytes}-byte cap on a page body " +
        $"({SourceClientOptions.Section}:MaxPageBytes); ask for smaller pages ({SourceClientOptions.Section}:PageSize) or raise the cap",
        permanent: true);

    private string Request(int results, string seed, int page) => string.Create(CultureInfo.InvariantCulture,
        $"source {_address} (GET /api/?results={results}&seed={Uri.EscapeDataString(seed)}&page={page})");

    private static bool IsSourceFailure(Exception? e, CancellationToken cancellationToken) =>
        e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Reason(Exception e) => e switch
    {
        TimeoutRejectedException timeout => $"timed out after {timeout.Timeout}",
        _ => e.Message,
    };

    // The standard resilience handler retries these; any other status is final at once.
    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static string DescribeAddress(IConfiguration configuration)
    {
        try
        {
            return $"{SourceClientRegistration.BaseAddress} ({configuration.GetRequiredServiceUri(SourceClientRegistration.ServiceName)})";
        }
        catch (InvalidOperationException)
        {
            return SourceClientRegistration.BaseAddress.ToString();
        }
    }
}
