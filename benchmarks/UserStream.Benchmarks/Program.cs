using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using UserStream.Benchmarks;

// Pushes users through ingest → outbox → Kafka → processor → user store, as runs started with POST /runs
// on a pipeline started by the AppHost, and reports throughput, ingest-to-visible latency and peak memory.
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"UserStream pipeline benchmark: {options.Users:N0} users in runs of {options.RunSize:N0}" +
    (options.Rate is { } r ? $", offered at {r:N0} users/s" : ", offered as fast as POST /runs accepts them"));
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; starting the pipeline (AppHost, local mode)...");

await using var appHost = await AppHostProcess.StartAsync();
await using var db = NpgsqlDataSource.Create(await appHost.PostgresConnectionStringAsync());
var baseline = await CountUsersAsync(db);

using var http = new HttpClient { BaseAddress = appHost.Ingestor };
var clock = Stopwatch.StartNew();
var started = DateTime.UtcNow;
var runs = (options.Users + options.RunSize - 1) / options.RunSize;
for (var i = 0; i < runs; i++)
{
    if (options.Rate is { } rate)
    {
        var due = TimeSpan.FromSeconds((double)i * options.RunSize / rate);
        if (due > clock.Elapsed)
            await Task.Delay(due - clock.Elapsed);
    }
    var count = Math.Min(options.RunSize, options.Users - i * options.RunSize);
    var response = await http.PostAsJsonAsync("runs", new { count, seed = $"bench-{started:HHmmss}-{i}" });
    response.EnsureSuccessStatusCode();
}

long stored;
var lastReport = TimeSpan.Zero;
while ((stored = await CountUsersAsync(db) - baseline) < options.Users)
{
    if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(2))
    {
        lastReport = clock.Elapsed;
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F1} s  {stored,8:N0} / {options.Users:N0} users visible");
    }
    if (clock.Elapsed > TimeSpan.FromMinutes(10))
        throw new TimeoutException($"only {stored:N0} of {options.Users:N0} users arrived within 10 minutes");
    await Task.Delay(50);
}
var elapsed = clock.Elapsed;

var (p50, p99, max) = await LatencyAsync(db, started);
Console.WriteLine();
Console.WriteLine($"users stored           {options.Users:N0} in {elapsed.TotalSeconds:F2} s");
Console.WriteLine($"throughput             {options.Users / elapsed.TotalSeconds:N0} users/s (first POST /runs to last user visible in the store)");
Console.WriteLine($"ingest→visible p50     {p50 * 1000:N0} ms");
Console.WriteLine($"ingest→visible p99     {p99 * 1000:N0} ms");
Console.WriteLine($"ingest→visible max     {max * 1000:N0} ms");
Console.WriteLine("peak memory (VmHWM, largest process of each resource):");
foreach (var (name, pids) in await appHost.ResourceProcessesAsync())
    Console.WriteLine($"  {name,-10} {pids.Select(PeakMemory.MiB).Max():N0} MiB");
Console.WriteLine($"  {"apphost",-10} {PeakMemory.MiB(appHost.Pid):N0} MiB (the benchmark process, which hosts the AppHost)");

static async Task<long> CountUsersAsync(NpgsqlDataSource db)
{
    await using var command = db.CreateCommand("SELECT count(*) FROM user_stream.created_users");
    try
    {
        return (long)(await command.ExecuteScalarAsync())!;
    }
    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
    {
        return 0;
    }
}

// ingested_at is stamped by the ingestor once a run's users are fetched and validated; stored_at by the store write.
static async Task<(double P50, double P99, double Max)> LatencyAsync(NpgsqlDataSource db, DateTime since)
{
    await using var command = db.CreateCommand("""
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.99) WITHIN GROUP (ORDER BY d), max(d)
        FROM (SELECT extract(epoch FROM stored_at - ingested_at)::float8 AS d FROM user_stream.created_users WHERE ingested_at >= @since) t
        """);
    command.Parameters.AddWithValue("since", since);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2));
}
