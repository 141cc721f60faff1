using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserStream.Hosting.Forms;

namespace UserStream.Hosting.StartupSummary;

/// <summary>Waits until every resource is healthy, finished or not started, then writes the summary to the console.</summary>
public sealed class StartupSummaryPrinter(
    ResourceNotificationService notifications, DistributedApplicationModel model, IConfiguration configuration,
    ILogger<StartupSummaryPrinter> logger) : BackgroundService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);

    /// <summary>The AppHost's parameter holding the services' API key.</summary>
    public const string ApiKeyParameter = "api-key";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var latest = new Dictionary<string, CustomResourceSnapshot>();
        var settled = true;
        var expected = model.Resources.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(GiveUpAfter);
        try
        {
            await foreach (var update in notifications.WatchAsync(timeout.Token))
            {
                if (update.Snapshot.IsHidden)
                {
                    expected.Remove(update.Resource.Name);
                    continue;
                }
                latest[update.Resource.Name] = update.Snapshot;
                if (expected.All(latest.ContainsKey) && latest.All(r => IsSettled(model, r.Key, r.Value)))
                    break;
                logger.LogDebug("{Resource}: {State}, health {Health}", update.Resource.Name, update.Snapshot.State?.Text, update.Snapshot.HealthStatus);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Something is still starting after three minutes: print what there is, marked as such.
            settled = false;
        }
        if (!stoppingToken.IsCancellationRequested)
            Console.Out.Write(Format(latest, settled, await ApiKeyAsync(stoppingToken)));
    }

    private static bool IsSettled(DistributedApplicationModel model, string name, CustomResourceSnapshot snapshot)
    {
        if (model.Resources.FirstOrDefault(r => r.Name == name) is IResourceWithoutLifetime)
            return true; // connection strings, parameters, a Cassandra that cannot start: nothing to wait for
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.Running)
            return snapshot.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
        return state is not null && (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.NotStarted
            || state == KnownResourceStates.Active || state == KnownResourceStates.RuntimeUnhealthy);
    }

    private async Task<string?> ApiKeyAsync(CancellationToken cancellationToken) =>
        model.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == ApiKeyParameter) is { } key
            ? await key.GetValueAsync(cancellationToken)
            : null;

    private string Format(Dictionary<string, CustomResourceSnapshot> resources, bool settled, string? apiKey)
    {
        var text = new StringBuilder().AppendLine()
            .AppendLine(settled ? "UserStream is up:" : $"UserStream is still starting after {GiveUpAfter.TotalMinutes:0} minutes:");
        foreach (var (name, snapshot) in resources.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var state = snapshot.State?.Text ?? "unknown";
            if (state == KnownResourceStates.Running && snapshot.HealthStatus is { } health)
                state += $" ({health.ToString().ToLowerInvariant()})";
            var url = snapshot.Urls.FirstOrDefault(u => !u.IsInternal)?.Url;
            var form = model.Resources.FirstOrDefault(r => r.Name == name)?.Annotations.OfType<ResourceModeAnnotation>().LastOrDefault();
            text.AppendLine($"  {name,-10} {snapshot.ResourceType,-16} {state}{(url is null ? "" : "  " + url)}{(form is null ? "" : $"  ({form.Choice})")}");
        }
        var dashboard = (configuration["ASPNETCORE_URLS"] ?? "http://localhost:18888").Split(';')[0].TrimEnd('/');
        var token = configuration["AppHost:BrowserToken"];
        var ingestor = resources.GetValueOrDefault("ingestor")?.Urls.FirstOrDefault(u => !u.IsInternal)?.Url.TrimEnd('/');
        if (apiKey is not null && ingestor is not null)
            text.AppendLine()
                .AppendLine($"Start a run (the key is the {ApiKeyParameter} parameter, new at each start unless Parameters:{ApiKeyParameter} is set):")
                .AppendLine($"  curl -H \"X-Api-Key: {apiKey}\" -H \"Content-Type: application/json\" -X POST {ingestor}/runs -d '{{\"count\": 1000}}'");
        text.AppendLine()
            .AppendLine("Stop with Ctrl+C (or SIGTERM). The dashboard:")
            .AppendLine(token is null ? $"Dashboard: {dashboard}" : $"Dashboard login: {dashboard}/login?t={token}");
        return text.ToString();
    }
}
