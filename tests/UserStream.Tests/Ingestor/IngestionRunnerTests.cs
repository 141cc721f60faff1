using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Hosting;
using UserStream.Ingestor;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Ingestor.Source;
using UserStream.Tests.Infrastructure;
using UserStream.Tests.Source;

namespace UserStream.Tests.Ingestor;

/// <summary>Ingestion runs against the real source service over HTTP and the ledger in a real PostgreSQL.</summary>
public sealed class IngestionRunnerTests : LedgerDatabaseTests
{
    [Fact]
    public async Task Run_fetches_page_by_page_and_writes_every_valid_user_to_the_outbox()
    {
        await using var source = await SourceServer.StartAsync();
        var run = await ExecuteRunAsync(source.Client.BaseAddress!, count: 23, seed: "pages", pageSize: 10);

        Assert.Equal(RunStatus.Publishing, run.Status);
        Assert.Equal(23, run.Fetched);
        Assert.Equal(23, run.Valid);
        Assert.Equal(0, run.Invalid);
        var keys = await OutboxKeysAsync(run.Id);
        Assert.Equal(23, keys.Count);
        Assert.Equal(23, keys.Distinct().Count());
    }

    [Fact]
    public async Task Same_seed_gives_the_same_user_ids_so_reingesting_creates_no_new_users()
    {
        await using var source = await SourceServer.StartAsync();
        var first = await ExecuteRunAsync(source.Client.BaseAddress!, count: 15, seed: "replay");
        var second = await ExecuteRunAsync(source.Client.BaseAddress!, count: 15, seed: "replay");
        Assert.Equal((await OutboxKeysAsync(first.Id)).Order(), (await OutboxKeysAsync(second.Id)).Order());
    }

    [Fact]
    public async Task Bad_records_are_counted_with_their_reasons_and_the_run_goes_on()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:MalformedRate"] = "0.3" });
        var run = await ExecuteRunAsync(source.Client.BaseAddress!, count: 200, seed: "bad-records");

        Assert.Equal(200, run.Fetched);
        Assert.InRange(run.Invalid, 20, 110);
        Assert.Equal(200, run.Valid + run.Invalid);
        Assert.NotEmpty(run.InvalidReasons);
        Assert.True(run.InvalidReasons.Values.Sum() >= run.Invalid);
        Assert.Equal(run.Valid, (await OutboxKeysAsync(run.Id)).Count);
    }

    [Fact]
    public async Task Transient_source_failures_are_retried()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "0.5" });
        var runs = new List<IngestionRun>();
        for (var i = 0; i < 4; i++)
            runs.Add(await ExecuteRunAsync(source.Client.BaseAddress!, count: 5, seed: $"flaky{i}", maxRetries: 8));
        Assert.All(runs, r => Assert.Equal(RunStatus.Publishing, r.Status));
    }

    [Fact]
    public async Task A_source_that_keeps_failing_fails_the_run_with_the_reason()
    {
        await using var source = await SourceServer.StartAsync(new Dictionary<string, string?> { ["Source:FailureRate"] = "1" });
        var run = await ExecuteRunAsync(source.Client.BaseAddress!, count: 5, seed: "down", maxRetries: 2);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("503", run.Error);
        Assert.Contains("3 attempts", run.Error);
        Assert.NotNull(run.FinishedAt);
        Assert.Empty(await OutboxKeysAsync(run.Id));
    }

    [Fact]
    public async Task An_unreachable_source_fails_the_run_with_the_reason()
    {
        var closedPort = FreePort.Next();
        var run = await ExecuteRunAsync(new Uri($"http://127.0.0.1:{closedPort}/"), count: 5, seed: "nowhere", maxRetries: 1);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains($"127.0.0.1:{closedPort}", run.Error);
    }

    private async Task<IngestionRun> ExecuteRunAsync(Uri source, int count, string seed, int pageSize = 5000, int maxRetries = 3)
    {
        var sourceOptions = Options.Create(new SourceClientOptions
        {
            PageSize = pageSize,
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        });
        using var sourceClient = SourceClientHost.Create(source, sourceOptions.Value);
        var runner = new IngestionRunner(sourceClient.Client, Ledger, new OutboxSignal(), new IngestorMetrics(), sourceOptions,
            TimeProvider.System, NullLogger<IngestionRunner>.Instance);

        var run = await Ledger.CreateAsync(RunTrigger.Api, count, seed, CancellationToken.None);
        await runner.ExecuteAsync(new RunRequest(run, default), CancellationToken.None);
        return (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
    }

    private async Task<List<string>> OutboxKeysAsync(Guid runId)
    {
        await using var command = Db.CreateCommand("SELECT message_key FROM ingest.outbox WHERE run_id = @run");
        command.Parameters.AddWithValue("run", runId);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(reader.GetString(0));
        return keys;
    }
}
