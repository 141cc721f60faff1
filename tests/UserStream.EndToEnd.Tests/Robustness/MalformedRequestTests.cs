using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using UserStream.Testing;

namespace UserStream.EndToEnd.Tests.Robustness;

/// <summary>
/// Every HTTP service as a real process, in the Development environment as the AppHost runs them, sent a few
/// hundred generated malformed requests (fixed seed): none may answer 5xx, every 4xx must be an
/// application/problem+json body, and each service must still be healthy afterwards.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestTests.Services services) : IClassFixture<MalformedRequestTests.Services>
{
    private static readonly HttpEndpoint[] DefaultEndpoints =
    [
        new("GET", "/health", []),
        new("GET", "/alive", []),
    ];

    [Fact]
    public Task The_api_answers_malformed_requests_with_4xx_problems_and_stays_healthy() =>
        FuzzAsync(services.Api, seed: 1001, count: 200,
        [
            new("GET", "/users", ["limit", "pageToken"]),
            new("GET", "/users/{id}", []),
            new("GET", "/users/by-email/{email}", []),
            new("GET", "/openapi/v1.json", []),
            .. DefaultEndpoints,
        ]);

    [Fact]
    public Task The_ingestor_answers_malformed_requests_with_4xx_problems_and_stays_healthy() =>
        FuzzAsync(services.Ingestor, seed: 1002, count: 250,
        [
            new("POST", "/runs", [], JsonBody: true),
            new("GET", "/runs", ["limit", "status"]),
            new("GET", "/runs/{id}", []),
            new("GET", "/openapi/v1.json", []),
            .. DefaultEndpoints,
        ]);

    [Fact]
    public Task The_source_answers_malformed_requests_with_4xx_problems_and_stays_healthy() =>
        FuzzAsync(services.Source, seed: 1003, count: 200,
        [
            new("GET", "/api/", ["results", "seed", "page", "gender", "nat", "inc", "exc"]),
            new("GET", "/api", ["results", "page", "nat"]),
            .. DefaultEndpoints,
        ]);

    [Fact]
    public Task The_processor_answers_malformed_requests_with_4xx_problems_and_stays_healthy() =>
        FuzzAsync(services.Processor, seed: 1004, count: 60, DefaultEndpoints);

    private static async Task FuzzAsync(ServiceProcess service, int seed, int count, IReadOnlyList<HttpEndpoint> endpoints)
    {
        using var http = service.CreateClient();
        var failures = new List<string>();
        foreach (var request in new MalformedRequests(seed).For(endpoints, count))
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery.TrimStart('/'));
            if (request.Body is not null || request.ContentType is not null)
            {
                message.Content = new ByteArrayContent(request.Body ?? []);
                if (request.ContentType is not null)
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var problem = Check(response, body);
            if (problem is not null)
                failures.Add($"{request} → {(int)response.StatusCode} {response.Content.Headers.ContentType}: {problem}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {count} requests to {service.Name} were answered wrongly:\n" +
            string.Join('\n', failures.Take(25)));
        await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), $"{service.Name} healthy after the malformed requests");
    }

    /// <summary>What is wrong with the answer, or null when it is acceptable.</summary>
    private static string? Check(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            return "a server error: " + Shorten(body);
        if (status < 400)
            return null;
        if (response.Content.Headers.ContentType is not MediaTypeHeaderValue { MediaType: "application/problem+json" })
            return "a 4xx that is not application/problem+json: " + Shorten(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) && n == status
                ? null
                : "a problem body without the matching status: " + Shorten(body);
        }
        catch (JsonException)
        {
            return "a problem body that is not JSON: " + Shorten(body);
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>The four HTTP services on the shared PostgreSQL (one database) and broker (own topics).</summary>
    public sealed class Services : IAsyncLifetime
    {
        private const string Development = "Development";

        public ServiceProcess Source { get; private set; } = null!;
        public ServiceProcess Ingestor { get; private set; } = null!;
        public ServiceProcess Processor { get; private set; } = null!;
        public ServiceProcess Api { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var postgres = await SharedInfrastructure.CreateDatabaseAsync();
            var kafka = SharedInfrastructure.KafkaBootstrapServers;
            var topic = SharedInfrastructure.CreateTopic("fuzz-users", 4);
            Source = await ServiceProcess.StartAsync("Source", new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = Development });
            var ingestor = ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = Development,
                ["ConnectionStrings__postgres"] = postgres,
                ["ConnectionStrings__kafka"] = kafka,
                ["services__source__http__0"] = Source.BaseAddress.ToString(),
                ["Ingestion__Topic"] = topic,
                ["Ingestion__Schedule__Enabled"] = "false",
                ["Ingestion__MaxUsersPerRun"] = "100",
            });
            var processor = ServiceProcess.StartAsync("Processor", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = Development,
                ["ConnectionStrings__postgres"] = postgres,
                ["ConnectionStrings__kafka"] = kafka,
                ["Processor__Topic"] = topic,
                ["Processor__DeadLetterTopic"] = SharedInfrastructure.CreateTopic("fuzz-dlq", 1),
                ["Processor__GroupId"] = "fuzz-" + Guid.NewGuid().ToString("N"),
            });
            var api = ServiceProcess.StartAsync("Api", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = Development,
                ["ConnectionStrings__postgres"] = postgres,
            });
            Ingestor = await ingestor;
            Processor = await processor;
            Api = await api;
            foreach (var service in new[] { Source, Ingestor, Processor, Api })
            {
                using var http = service.CreateClient();
                await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(60), $"{service.Name} healthy before the malformed requests");
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var service in new[] { Api, Processor, Ingestor, Source })
                if (service is not null)
                    await service.DisposeAsync();
        }
    }
}
