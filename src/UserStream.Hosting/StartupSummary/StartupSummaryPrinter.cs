using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
        // Keyed by resource id: a service with replicas is one resource of the model and one id (and line) per replica.
        var latest = new Dictionary<string, (IResource Resource, CustomResourceSnapshot Snapshot)>(StringComparer.Ordinal);
        var settled = true;
        var expected = model.Resources.ToDictionary(r => r.Name, r => r.GetReplicaCount(), StringComparer.Ordinal);
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
                latest[update.ResourceId] = (update.Resource, update.Snapshot);
                if (AllSeen(expected, latest.Values) && latest.Values.All(r => IsSettled(r.Resource, r.Snapshot)))
                    break;
                logger.LogDebug("{Resource}: {State}, health {Health}", update.ResourceId, update.Snapshot.State?.Text, update.Snapshot.HealthStatus);
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

    private static bool AllSeen(Dictionary<string, int> expected, IEnumerable<(IResource Resource, CustomResourceSnapshot Snapshot)> seen)
    {
        var ids = seen.GroupBy(r => r.Resource.Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return expected.All(e => ids.GetValueOrDefault(e.Key) >= e.Value);
    }

    private static bool IsSettled(IResource resource, CustomResourceSnapshot snapshot)
    {
        if (resource is IResourceWithoutLifetime)
            return true; // connection strings, parameters, a Cassandra that cannot start: nothing to wait for
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.Running)
            // Degraded is settled: the service runs and its health says what to look at (the summary shows it).
            return snapshot.HealthStatus is null or HealthStatus.Healthy or HealthStatus.Degraded;
        return state is not null && (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.NotStarted
            || state == KnownResourceStates.Active || state == KnownResourceStates.RuntimeUnhealthy);
    }

    private async Task<string?> ApiKeyAsync(CancellationToken cancellationToken) =>
        model.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == ApiKeyParameter) is { } key
            ? await key.GetValueAsync(cancellationToken)
            : null;

    private string Format(Dictionary<string, (IResource Resource, CustomResourceSnapshot Snapshot)> resources, bool settled, string? apiKey)
    {
        var text = new StringBuilder().AppendLine()
            .AppendLine(settled ? "UserStream is up:" : $"UserStream is still starting after {GiveUpAfter.TotalMinutes:0} minutes:");
        foreach (var (id, (resource, snapshot)) in resources.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            // One line per replica, named by its id (processor-abc12); a single instance by its resource name.
            var name = resource.GetReplicaCount() > 1 ? id : resource.Name;
            var state = snapshot.State?.Text ?? "unknown";
            if (state == KnownResourceStates.Running && snapshot.HealthStatus is { } health)
                state += $" ({health.ToString().ToLowerInvariant()})";
            var url = snapshot.Urls.FirstOrDefault(u => !u.IsInternal)?.Url;
            var form = resource.Annotations.OfType<ResourceModeAnnotation>().LastOrDefault();
            text.AppendLine($"  {name,-18} {snapshot.ResourceType,-16} {state}{(url is null ? "" : "  " + url)}{(form is null ? "" : $"  ({form.Choice})")}");
        }
        // What a degraded or unhealthy resource's checks say, once per reason (replicas share theirs).
        var warnings = resources.Values
            .Where(r => r.Snapshot.HealthStatus is HealthStatus.Degraded or HealthStatus.Unhealthy)
            .SelectMany(r => r.Snapshot.HealthReports.Where(h => h.Status is HealthStatus.Degraded or HealthStatus.Unhealthy)
                .Select(h => $"  {r.Resource.Name}: {h.Description ?? h.ExceptionText ?? h.Status.ToString()}"))
            .Distinct(StringComparer.Ordinal).ToList();
        if (warnings.Count > 0)
            text.AppendLine().AppendLine("Look at:").AppendJoin(Environment.NewLine, warnings).AppendLine();
        var dashboard = (configuration["ASPNETCORE_URLS"] ?? "http://localhost:18888").Split(';')[0].TrimEnd('/');
        var token = configuration["AppHost:BrowserToken"];
        var ingestor = resources.Values.FirstOrDefault(r => r.Resource.Name == "ingestor").Snapshot?.Urls.FirstOrDefault(u => !u.IsInternal)?.Url.TrimEnd('/');
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
