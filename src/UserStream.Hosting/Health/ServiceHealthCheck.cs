using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UserStream.Hosting.Health;

/// <summary>
/// Reads a UserStream service's <c>/health</c> report (ServiceDefaults' JSON: a status and one entry per check) and gives
/// the dashboard its status with the reasons: Degraded as Degraded (a service that runs but warns, as the processor does
/// when the topic has fewer partitions than processors), Unhealthy with the failing checks' descriptions. Aspire's own
/// HTTP check tells only 200 from the rest, so a degraded service would look healthy.
/// </summary>
/// <param name="url">The health endpoint's address; it may throw while the endpoint is not allocated yet.</param>
/// <param name="client">The client the checks share.</param>
public sealed class ServiceHealthCheck(Func<Uri> url, HttpClient client) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Uri address;
        try
        {
            address = url();
        }
        catch (InvalidOperationException e)
        {
            return HealthCheckResult.Unhealthy($"the endpoint is not allocated yet: {e.Message}");
        }
        try
        {
            using var response = await client.GetAsync(address, cancellationToken);
            var report = await ReadAsync(response, cancellationToken);
            var status = report?.Status ?? (response.IsSuccessStatusCode ? HealthStatus.Healthy : HealthStatus.Unhealthy);
            if (!response.IsSuccessStatusCode && status != HealthStatus.Unhealthy)
                status = HealthStatus.Unhealthy;
            var reasons = report?.Reasons(status) ?? $"{address} answered {(int)response.StatusCode}";
            return new HealthCheckResult(status, reasons);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{address} did not answer: {e.Message}");
        }
    }

    private static async Task<Report?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            return null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (!body.TryGetProperty("status", out var status) || !Enum.TryParse<HealthStatus>(status.GetString(), out var parsed))
                return null;
            var entries = body.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object
                ? checks.EnumerateObject().Select(c => (Name: c.Name,
                    Status: c.Value.TryGetProperty("status", out var s) && Enum.TryParse<HealthStatus>(s.GetString(), out var p) ? p : HealthStatus.Healthy,
                    Description: c.Value.TryGetProperty("description", out var d) ? d.GetString() : null,
                    Error: c.Value.TryGetProperty("error", out var x) ? x.GetString() : null)).ToList()
                : [];
            return new Report(parsed, entries);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Report(HealthStatus Status, List<(string Name, HealthStatus Status, string? Description, string? Error)> Entries)
    {
        public string Reasons(HealthStatus status)
        {
            var named = Entries.Where(e => e.Status == status && status != HealthStatus.Healthy)
                .Select(e => $"{e.Name}: {e.Description ?? e.Error ?? e.Status.ToString()}").ToList();
            return named.Count == 0 ? status.ToString() : string.Join("; ", named);
        }
    }
}
