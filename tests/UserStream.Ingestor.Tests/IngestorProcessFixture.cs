using System.Net;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// The ingestor as a real process in the Development environment (as the AppHost runs it, and where
/// ASP.NET Core turns parameter-binding failures into exceptions), with its own database on the shared
/// PostgreSQL and a source address nobody listens on: the tests here only talk to its HTTP API.
/// </summary>
public sealed class IngestorProcessFixture : IAsyncLifetime
{
    public ServiceProcess Ingestor { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__postgres"] = await SharedInfrastructure.CreateDatabaseAsync(),
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Ingestion__MaxUsersPerRun"] = "1000",
        });
        Client = Ingestor.CreateClient();
        await Eventually.ReturnsAsync(() => Client.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Ingestor.DisposeAsync();
    }
}
