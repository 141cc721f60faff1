using System.Net;
using System.Net.Http.Json;
using UserStream.Testing;

namespace UserStream.ServiceDefaults.Tests;

/// <summary>/metrics of a running service (the ingestor as its own process), scraped as Prometheus would.</summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task Metrics_of_a_running_ingestor_list_its_userstream_counters_in_prometheus_text_format()
    {
        await using var source = await SourceServer.StartAsync();
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = await SharedInfrastructure.CreateDatabaseAsync(),
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.Client.BaseAddress!.ToString(),
            ["Ingestion__Topic"] = SharedInfrastructure.CreateTopic("metrics-users", 1),
            ["Ingestion__Schedule__Enabled"] = "false",
        });
        using var http = ingestor.CreateClient();
        await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");

        var accepted = await http.PostAsJsonAsync("runs", new { count = 7, seed = "scraped" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // The run's counter appears once the run has fetched; counted as Prometheus counters are, with _total.
        var text = await Eventually.ReturnsAsync(() => http.GetStringAsync("metrics"),
            t => t.Contains("userstream_ingestor_fetched_total{"), what: "userstream_ingestor_fetched_total on /metrics");
        var fetched = text.Split('\n').Single(l => l.StartsWith("userstream_ingestor_fetched_total{", StringComparison.Ordinal));
        Assert.Equal("7", fetched[(fetched.LastIndexOf('}') + 1)..].Trim().Split(' ')[0]);
        Assert.Contains("# TYPE userstream_ingestor_fetched_total counter", text);

        using var scrape = await http.GetAsync("metrics");
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
    }
}
