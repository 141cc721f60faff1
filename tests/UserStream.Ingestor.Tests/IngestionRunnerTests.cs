using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using UserStream.Contracts;
using UserStream.Contracts.RandomUser;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using UserStream.Testing;
using UserStream.Ingestor;
using UserStream.Ingestor.Ledger;
using UserStream.Ingestor.Outbox;
using UserStream.Ingestor.Runs;
using UserStream.Ingestor.Source;
using UserStream.Confluent.Kafka;
using UserStream.Ingestor.Tests.Source;

namespace UserStream.Ingestor.Tests;

/// <summary>Ingestion runs against the real source service over HTTP and the ledger in a real PostgreSQL.</summary>
public sealed class IngestionRunnerTests : LedgerDatabaseTests
{
    private readonly List<IDisposable> _clients = [];

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
        var run = await ExecuteRunAsync(source.Client.BaseAddress!, count: 200, seed: "bad-records", pageSize: 50);

        Assert.Equal(200, run.Fetched);
        Assert.Equal(4, run.PagesFetched);
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

    [Fact]
    public async Task Each_page_is_in_the_outbox_with_the_runs_progress_before_the_next_page_is_fetched()
    {
        await using var source = await GatedSource.StartAsync(holdFromPage: 3);
        var topic = SharedInfrastructure.CreateTopic("paged-run", 4);
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(SharedInfrastructure.KafkaBootstrapServers, "paged-run")).Build();
        var relay = Relay(producer, topic);
        var run = await Ledger.CreateAsync(RunTrigger.Api, 45, "paged", CancellationToken.None);
        var execution = Runner(source.BaseAddress, pageSize: 10).ExecuteAsync(new RunRequest(run, default), CancellationToken.None);

        await source.Holding.WaitAsync(TimeSpan.FromSeconds(30));
        var during = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Fetching, during.Status);
        Assert.Equal(2, during.PagesFetched);
        Assert.Equal(20, during.Fetched);
        Assert.Equal(20, during.Valid);
        var keysDuring = await OutboxKeysAsync(run.Id);
        Assert.Equal(20, keysDuring.Distinct().Count());
        Assert.Equal(20, keysDuring.Count);

        // The relay publishes the committed pages while page 3 is still being fetched; the run is not completed by it.
        Assert.Equal(20, await relay.PublishBatchAsync(CancellationToken.None));
        var published = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(20, published.Published);
        Assert.Equal(RunStatus.Fetching, published.Status);

        source.Release();
        await execution.WaitAsync(TimeSpan.FromSeconds(60));
        var fetchedAll = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Publishing, fetchedAll.Status);
        Assert.Equal(5, fetchedAll.PagesFetched);
        Assert.Equal(45, fetchedAll.Fetched);
        Assert.Equal(45, (await OutboxKeysAsync(run.Id)).Distinct().Count());

        Assert.Equal(25, await relay.PublishBatchAsync(CancellationToken.None));
        var completed = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Completed, completed.Status);
        Assert.Equal(45, completed.Published);
        Assert.NotNull(completed.FinishedAt);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_after_its_last_committed_page_without_refetching_or_skipping_any()
    {
        await using var source = await GatedSource.StartAsync(holdFromPage: 3);
        var run = await Ledger.CreateAsync(RunTrigger.Api, 45, "resume", CancellationToken.None);
        using (var stop = new CancellationTokenSource())
        {
            var interrupted = Runner(source.BaseAddress, pageSize: 10).ExecuteAsync(new RunRequest(run, default), stop.Token);
            await source.Holding.WaitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        }
        var left = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Fetching, left.Status);
        Assert.Equal(2, left.PagesFetched);
        Assert.Equal([run.Id], (await Ledger.ListUnfinishedFetchesAsync(CancellationToken.None)).Select(r => r.Id));

        var pagesBefore = source.RequestedPages.Count;
        source.Release();
        await Runner(source.BaseAddress, pageSize: 10).ExecuteAsync(new RunRequest(left, default), CancellationToken.None);

        Assert.Equal([3, 4, 5], source.RequestedPages.Skip(pagesBefore));
        var done = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Publishing, done.Status);
        Assert.Equal(5, done.PagesFetched);
        Assert.Equal(45, done.Fetched);
        Assert.Equal(45, done.Valid);
        var keys = await OutboxKeysAsync(run.Id);
        Assert.Equal(45, keys.Count);
        Assert.Equal(45, keys.Distinct().Count());
        // The resumed run's users are the same as an uninterrupted run of the same seed.
        var uninterrupted = await ExecuteRunAsync(source.BaseAddress, count: 45, seed: "resume", pageSize: 10);
        Assert.Equal((await OutboxKeysAsync(uninterrupted.Id)).Order(), keys.Order());
    }

    [Fact]
    public async Task A_page_recorded_twice_reaches_the_outbox_once()
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, 10, "twice", CancellationToken.None);
        await Ledger.MarkFetchingAsync(run.Id, CancellationToken.None);
        var messages = Enumerable.Range(0, 10).Select(_ =>
        {
            var message = TestUsers.Message(runId: run.Id);
            return new OutboxMessage(message.User.Login!.Uuid!, TestUsers.Json(message), null, null);
        }).ToList();
        var page = new RunPage(1, 10, 0, new Dictionary<string, int>(), messages);

        Assert.Equal(PageWrite.Written, await Ledger.RecordPageAsync(run.Id, page, CancellationToken.None));
        // The same write again (its reply was lost): recognised by its token, nothing written twice.
        Assert.Equal(PageWrite.AlreadyWritten, await Ledger.RecordPageAsync(run.Id, page, CancellationToken.None));
        // The same page from another execution of the run: refused.
        Assert.Equal(PageWrite.Refused, await Ledger.RecordPageAsync(run.Id, page with { Token = Guid.NewGuid() }, CancellationToken.None));

        Assert.Equal(10, (await OutboxKeysAsync(run.Id)).Count);
        var after = (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(1, after.PagesFetched);
        Assert.Equal(10, after.Fetched);
    }

    [Fact]
    public async Task Runs_are_counted_once_by_their_final_status_when_they_reach_it()
    {
        using var runs = new ScopedMeasurements("userstream.ingestor.runs");
        var metrics = new IngestorMetrics(runs.MeterFactory);
        await using var source = await SourceServer.StartAsync();
        var topic = SharedInfrastructure.CreateTopic("runs-counter", 4);
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(SharedInfrastructure.KafkaBootstrapServers, "runs-counter")).Build();

        var ledger = new RunLedger(Db, RunOwner.New(), metrics);

        var run = await ledger.CreateAsync(RunTrigger.Api, 30, "counted", CancellationToken.None);
        await Runner(source.Client.BaseAddress!, pageSize: 10, ledger: ledger).ExecuteAsync(new RunRequest(run, default), CancellationToken.None);
        Assert.Empty(runs.Measurements); // fetched, not yet published: not finished

        Assert.Equal(30, await Relay(producer, topic, ledger).PublishBatchAsync(CancellationToken.None));
        var completed = Assert.Single(runs.Measurements);
        Assert.Equal(1, completed.Value);
        Assert.Equal(RunStatus.Completed, completed.Tags["status"]);

        var closedPort = FreePort.Next();
        var failing = await ledger.CreateAsync(RunTrigger.Api, 5, "counted-down", CancellationToken.None);
        await Runner(new Uri($"http://127.0.0.1:{closedPort}/"), maxRetries: 1, ledger: ledger).ExecuteAsync(new RunRequest(failing, default), CancellationToken.None);
        Assert.Equal([RunStatus.Completed, RunStatus.Failed], runs.Measurements.Select(m => m.Tags["status"]));
    }

    [Fact]
    public async Task No_credential_of_the_source_reaches_the_outbox_the_topic_the_logs_or_the_spans()
    {
        const int users = 50;
        await using var source = await SourceServer.StartAsync();
        // What the source hands out for this seed: every user's password, salt and hashes. A password is a lorem word
        // ("et", "id", maybe with a number): it is looked for as a JSON value, and as text only where it is too long
        // to turn up inside another word.
        var response = await source.Client.GetFromJsonAsync<RandomUserResponse>($"/api/?results={users}&seed=credentials&page=1", ContractJson.Options);
        var passwords = response!.Results.Select(u => Assert.IsType<string>(u.Login!.Password)).ToHashSet();
        var secrets = response.Results.SelectMany(u => new[] { u.Login!.Salt, u.Login.Md5, u.Login.Sha1, u.Login.Sha256 })
            .Select(s => Assert.IsType<string>(s)).Concat(passwords.Where(p => p.Length >= 8)).ToList();

        using var logs = new CollectingLoggerProvider();
        using var logging = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                    spans.Add(string.Join(' ', [a.DisplayName, .. a.TagObjects.Select(t => $"{t.Key}={t.Value}"),
                        .. a.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}"))]));
            },
        };
        ActivitySource.AddActivityListener(listener);
        var topic = SharedInfrastructure.CreateTopic("credentials", 2);
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientSettings.Producer(SharedInfrastructure.KafkaBootstrapServers, "credentials")).Build();

        var run = await Ledger.CreateAsync(RunTrigger.Api, users, "credentials", CancellationToken.None);
        await Runner(source.Client.BaseAddress!, logs: logging).ExecuteAsync(new RunRequest(run, default), CancellationToken.None);
        Assert.Equal(users, await Relay(producer, topic, logs: logging).PublishBatchAsync(CancellationToken.None));

        await using var outbox = Db.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM ingest.outbox WHERE run_id = @run");
        outbox.Parameters.AddWithValue("run", run.Id);
        var rows = new List<string>();
        await using (var reader = await outbox.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
        var consumed = TopicReader.Read(SharedInfrastructure.KafkaBootstrapServers, topic, 2, users);
        var messages = consumed.Select(m => Encoding.UTF8.GetString(m.Message.Value!) + string.Concat(m.Message.Headers.Select(h => h.Key + Encoding.UTF8.GetString(h.GetValueBytes()))))
            .ToList();
        Assert.Equal(users, rows.Count);
        Assert.Equal(users, messages.Count);
        Assert.NotEmpty(logs.Lines);
        Assert.NotEmpty(spans);

        // The messages still carry what the store keeps, and no string in them is a password.
        Assert.All(response.Results, u => Assert.Contains(rows, r => r.Contains(u.Login!.Uuid!, StringComparison.OrdinalIgnoreCase)));
        foreach (var row in rows.Concat(consumed.Select(m => Encoding.UTF8.GetString(m.Message.Value!))))
            Assert.DoesNotContain(StringValues(JsonDocument.Parse(row).RootElement), passwords.Contains);
        foreach (var (place, texts) in new[] { ("outbox", rows), ("topic", messages), ("logs", [.. logs.Lines.Select(l => l.Message)]), ("spans", spans) })
            foreach (var text in texts)
            {
                foreach (var field in new[] { "\"password\"", "\"salt\"", "\"md5\"", "\"sha1\"", "\"sha256\"" })
                    Assert.False(text.Contains(field, StringComparison.Ordinal), $"{place} names the field {field}: {text}");
                foreach (var secret in secrets)
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{place} holds a credential of the source: {text}");
            }
    }

    private static IEnumerable<string> StringValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringValues(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringValues),
        _ => [],
    };

    private async Task<IngestionRun> ExecuteRunAsync(Uri source, int count, string seed, int pageSize = 5000, int maxRetries = 3)
    {
        var run = await Ledger.CreateAsync(RunTrigger.Api, count, seed, CancellationToken.None);
        await Runner(source, pageSize, maxRetries).ExecuteAsync(new RunRequest(run, default), CancellationToken.None);
        return (await Ledger.GetAsync(run.Id, CancellationToken.None))!;
    }

    private IngestionRunner Runner(Uri source, int pageSize = 5000, int maxRetries = 3, RunLedger? ledger = null, ILoggerFactory? logs = null)
    {
        var sourceOptions = Options.Create(new SourceClientOptions
        {
            PageSize = pageSize,
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        });
        var sourceClient = SourceClientHost.Create(source, sourceOptions.Value);
        _clients.Add(sourceClient);
        return new IngestionRunner(sourceClient.Client, ledger ?? Ledger, Retry(), new OutboxSignal(), new IngestorMetrics(), sourceOptions,
            Options.Create(new RunRetryOptions { Count = 0 }), TimeProvider.System, (logs ?? NullLoggerFactory.Instance).CreateLogger<IngestionRunner>());
    }

    private OutboxRelay Relay(IProducer<string, byte[]> producer, string topic, RunLedger? ledger = null, ILoggerFactory? logs = null)
    {
        var readiness = new LedgerReadiness();
        readiness.MarkReady();
        return new OutboxRelay(Db, ledger ?? Ledger, producer, new OutboxSignal(), readiness, Retry(readiness: readiness), new IngestorMetrics(),
            Options.Create(new OutboxRelayOptions()), Options.Create(new IngestionOptions { Topic = topic }), (logs ?? NullLoggerFactory.Instance).CreateLogger<OutboxRelay>());
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await base.DisposeAsync();
    }

    private Task<List<string>> OutboxKeysAsync(Guid runId) => OutboxKeys.OfRunAsync(Db, runId);
}
