using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using UserStream.Testing;

namespace UserStream.Ingestor.Tests;

/// <summary>
/// A PostgreSQL connection string naming several hosts, as a managed or replicated PostgreSQL hands out (Npgsql
/// multi-host with <c>Target Session Attributes=primary</c>): the ingestor runs its ledger on the host that answers as
/// primary, past one that does not answer at all.
/// </summary>
public sealed class MultiHostPostgresTests
{
    [Fact]
    public async Task Given_two_hosts_the_first_unreachable_the_ingestor_keeps_its_ledger_on_the_primary_and_completes_a_run()
    {
        var database = new NpgsqlConnectionStringBuilder(await SharedInfrastructure.CreateDatabaseAsync());
        var unreachable = FreePort.Next();
        var multiHost = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = $"127.0.0.1:{unreachable},{database.Host}:{database.Port}",
            TargetSessionAttributes = "primary",
            Timeout = 5,
        };
        await using var source = await GatedSource.StartAsync(holdFromPage: int.MaxValue);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = multiHost.ConnectionString,
            ["ConnectionStrings__kafka"] = SharedInfrastructure.KafkaBootstrapServers,
            ["services__source__http__0"] = source.BaseAddress.ToString(),
            ["Ingestion__Topic"] = SharedInfrastructure.CreateTopic("multi-host", 2),
            ["Ingestion__Schedule__Enabled"] = "false",
            ["Ingestion__Source__PageSize"] = "100",
        });
        using var http = ingestor.CreateClient();
        await Eventually.ReturnsAsync(() => http.GetAsync("health"), r => r.StatusCode == HttpStatusCode.OK, what: "ingestor healthy");

        using var accepted = await http.PostAsJsonAsync("runs", new { count = 300, seed = "multi-host" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var run = await Eventually.ReturnsAsync(async () => JsonDocument.Parse(await http.GetStringAsync($"runs/{runId}")).RootElement,
            r => r.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(90), "the run completed");
        Assert.Equal(300, run.GetProperty("published").GetInt32());

        // The ledger is on the host that answered: the one the plain connection string names.
        await using var direct = NpgsqlDataSource.Create(database.ConnectionString);
        Assert.Equal(300, (await OutboxKeys.OfRunAsync(direct, runId)).Count);
    }
}
