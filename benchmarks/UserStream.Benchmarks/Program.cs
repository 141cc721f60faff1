using Npgsql;
using UserStream.Benchmarks;
using UserStream.Benchmarks.Baselines;
using UserStream.Contracts.Messages;

// Pushes users through ingest → outbox → Kafka → processor → user store on a pipeline started by the AppHost, as a
// burst and then paced; measures the relay and the processor during the burst, then each alone with its work queued,
// then the raw clients on the same broker and store with the same users; reports throughput, request→visible and ingest→visible latency, ratios, CPU per user and memory.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Scaling)
    return await ScalingTable.RunAsync(options);

Console.WriteLine($"UserStream pipeline benchmark: burst of {options.Users:N0} users in runs of {options.RunSize:N0}, " +
    $"then {options.PacedRate:N0} users/s for {options.PacedSeconds} s (a run of {options.PacedRunSize:N0} every {BenchmarkOptions.PacedTick.TotalMilliseconds:N0} ms)");
Console.WriteLine($"warm-up: {options.WarmupUsers:N0} users first, not measured");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; starting the pipeline (AppHost, local forms, schedule off)...");

await using var appHost = await AppHostProcess.StartAsync(options.PerfMap);
var postgres = await appHost.PostgresConnectionStringAsync();
var kafka = await appHost.KafkaBootstrapServersAsync();
await using var db = NpgsqlDataSource.Create(postgres);
using var group = new GroupProgress(kafka);
var query = new LatencyQuery(db, group);
using var ingestor = new HttpClient { BaseAddress = appHost.Ingestor };
ingestor.DefaultRequestHeaders.Add("X-Api-Key", await appHost.ApiKeyAsync());
var seedPrefix = $"bench-{DateTime.UtcNow:HHmmss}";

await BurstPhase.WarmUpAsync(options, ingestor, query, seedPrefix);
var processes = await appHost.ResourceProcessesAsync();
var burstCpu = CpuUsage.Start(processes);
var burst = await BurstPhase.RunAsync(options, ingestor, query, seedPrefix);
var burstCpuFigures = burstCpu.Stop();
var stages = new StageRates(db);
var ingest = await stages.IngestAsync(burst.RunIds, burst.StartedAt);
var relay = await stages.RelayAsync(burst.RunIds);
var processor = await stages.ProcessorAsync(burst.RunIds);

var pacedCpu = CpuUsage.Start(processes);
var paced = await PacedPhase.RunAsync(options, ingestor, query, seedPrefix);
var pacedCpuFigures = pacedCpu.Stop();
// Before the baselines, which load payloads into this process and the broker: the peaks are the pipeline's own.
var (peakRss, applicationMiB) = await PeakMemory.MeasureAsync(appHost);

Console.WriteLine("  [alone ] the relay, then the processor, each alone with all its work queued in front of it...");
var templates = await PayloadSample.ReadAsync(db, burst.RunIds);
var alone = await StagesAlone.RunAsync(appHost, db, group, templates, options.Users, $"{seedPrefix}-alone");
templates = null;

Console.WriteLine("  [base  ] raw clients on the same broker and store, with the users the stages moved alone...");
var rawProduce = RawProduce.Run(kafka, AppHostProcess.RawTopic, alone.Messages);
Console.WriteLine($"  [base  ] raw produce {rawProduce:N0}/s ({alone.Messages.Count:N0} messages, {alone.Messages.Average(m => m.Value.Length):N0} B each on average)");
var rawConsume = RawConsume.Run(kafka, Topics.UsersCreated, alone.StartOffsets, alone.Messages.Count);
Console.WriteLine($"  [base  ] raw consume {rawConsume:N0}/s");
var rawUpsert = await RawUpsert.RunAsync(postgres, alone.RunId, alone.Messages.Select(m => m.Key).ToList());
Console.WriteLine($"  [base  ] raw upsert  {rawUpsert:N0}/s");

var report = BenchmarkReport.From(burst, paced, relay, processor, alone, new BaselineFigures(rawProduce, rawConsume, rawUpsert),
    burstCpuFigures, pacedCpuFigures, peakRss, applicationMiB);
report.PrintTable(ingest, relay, processor);
burstCpuFigures.Print("burst");
pacedCpuFigures.Print("paced phase");
if (options.JsonPath is { } path)
{
    report.WriteJson(path);
    Console.WriteLine($"JSON written to {path}");
}
return 0;
