using System.Net;
using Npgsql;
using UserStream.Testing;

namespace UserStream.Api.Tests;

/// <summary>The Api as a real process over a PostgreSQL of its own that goes away and comes back.</summary>
public sealed class StoreOutageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Reads_answer_503_with_Retry_After_while_the_store_is_down_and_200_once_it_is_back_even_with_its_schema_gone()
    {
        // Durable settings: a killed server keeps every commit it acknowledged, as the AppHost's does.
        await using var postgres = await LocalPostgresServer.StartAsync(durable: true);
        await using var api = await ServiceProcess.StartAsync("Api", new Dictionary<string, string> { ["ConnectionStrings__postgres"] = postgres.ConnectionString() });
        using var client = api.CreateClient();
        try
        {
            await ReadThroughOutagesAsync(postgres, client);
        }
        finally
        {
            output.WriteLine(api.Output);
        }
    }

    private static async Task ReadThroughOutagesAsync(LocalPostgresServer postgres, HttpClient client)
    {
        await Eventually.ReturnsAsync(() => client.GetAsync("/users?limit=1"), r => r.StatusCode == HttpStatusCode.OK, what: "a first page");

        // Every server process killed: connections are refused until it is back.
        var processes = PostgresSignals.ProcessesOf(postgres);
        await PostgresSignals.SignalAsync("KILL", processes);
        await Eventually.ReturnsAsync(() => Task.FromResult(PostgresSignals.AnyAlive(processes)), alive => !alive,
            TimeSpan.FromSeconds(20), "every postgres process gone");
        using (var down = await client.GetAsync("/users?limit=1"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(down.Headers.RetryAfter);
        }
        await postgres.RestartAsync();
        await Eventually.ReturnsAsync(() => client.GetAsync("/users?limit=1"), r => r.StatusCode == HttpStatusCode.OK, what: "reads again after the restart");

        await using (var db = NpgsqlDataSource.Create(postgres.ConnectionString()))
        await using (var drop = db.CreateCommand("DROP SCHEMA user_stream CASCADE"))
            await drop.ExecuteNonQueryAsync();
        using (var missing = await client.GetAsync("/users?limit=1"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.StatusCode);
            Assert.NotNull(missing.Headers.RetryAfter);
        }
        using var recreated = await client.GetAsync("/users?limit=1");
        Assert.Equal(HttpStatusCode.OK, recreated.StatusCode);
    }
}
