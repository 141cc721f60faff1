namespace UserStream.AppHost.Orchestration;

/// <summary>Ready when the service's <c>/health</c> answers 200 (its dependencies are reachable).</summary>
public sealed class HttpHealthProbe(HttpClient client, Uri healthUrl) : IReadinessProbe
{
    public string Description => $"GET {healthUrl}";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var response = await client.GetAsync(healthUrl, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
