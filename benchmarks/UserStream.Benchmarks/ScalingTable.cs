using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace UserStream.Benchmarks;

/// <summary>One point of the scaling table: the burst's throughput and the CPU it cost, with so many replicas.</summary>
public sealed record ScalingPoint(int Processors, int Ingestors, long Users, double UsersPerSecond, double CpuMicrosecondsPerUser, double MachineShare);

/// <summary>
/// --processors 1,2,3 and --ingestors 1,2: for each count a fresh pipeline (AppHost with that many replicas, the
/// others at 1), the warm-up, then one burst of --users; prints burst users/s and CPU µs per user (every process of
/// the application, the AppHost's included) for each, and what each added replica cost against one: the coordination
/// of several members of one group, or several ingestors on one ledger, on the same cores.
/// </summary>
public static class ScalingTable
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var points = (options.Processors ?? [1]).Select(p => (Processors: p, Ingestors: 1))
            .Concat((options.Ingestors ?? []).Select(i => (Processors: 1, Ingestors: i)))
            .Distinct().OrderBy(p => p.Ingestors).ThenBy(p => p.Processors).ToList();
        Console.WriteLine($"UserStream scaling: a burst of {options.Users:N0} users (runs of {options.RunSize:N0}, after {options.WarmupUsers:N0} warm-up users) " +
            $"for each of {string.Join(", ", points.Select(p => $"{p.Processors} processor(s) × {p.Ingestors} ingestor(s)"))}, on {Environment.ProcessorCount} cores");
        var results = new List<ScalingPoint>();
        foreach (var (processors, ingestors) in points)
        {
            Console.WriteLine($"[{processors}p × {ingestors}i] starting the pipeline...");
            await using var appHost = await AppHostProcess.StartAsync(options.PerfMap, processors, ingestors);
            await using var db = NpgsqlDataSource.Create(await appHost.PostgresConnectionStringAsync());
            using var group = new GroupProgress(await appHost.KafkaBootstrapServersAsync());
            var query = new LatencyQuery(db, group);
            using var ingestor = new HttpClient { BaseAddress = appHost.Ingestor };
            ingestor.DefaultRequestHeaders.Add("X-Api-Key", await appHost.ApiKeyAsync());
            var seed = $"scale-{processors}p{ingestors}i-{DateTime.UtcNow:HHmmss}";
            await BurstPhase.WarmUpAsync(options, ingestor, query, seed);
            var cpu = CpuUsage.Start(await appHost.ResourceProcessesAsync());
            var burst = await BurstPhase.RunAsync(options, ingestor, query, seed);
            var figures = cpu.Stop();
            var seconds = figures.Seconds.Values.Sum();
            results.Add(new ScalingPoint(processors, ingestors, burst.Stored, burst.UsersPerSecond, seconds * 1e6 / burst.Stored,
                seconds / (figures.WallSeconds * Environment.ProcessorCount)));
        }

        Print(results);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { scaling = results }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            Console.WriteLine($"JSON written to {path}");
        }
        return 0;
    }

    private static void Print(IReadOnlyList<ScalingPoint> results)
    {
        var single = results.FirstOrDefault(r => r.Processors == 1 && r.Ingestors == 1);
        Console.WriteLine();
        Console.WriteLine("| processors | ingestors | burst users/s | CPU µs/user (all processes) | machine used | CPU per user vs 1×1, per added replica |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var added = r.Processors - 1 + r.Ingestors - 1;
            var cost = single is null || added == 0 ? "—" : string.Create(CultureInfo.InvariantCulture,
                $"{(r.CpuMicrosecondsPerUser / single.CpuMicrosecondsPerUser - 1) / added:+0.0%;-0.0%}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Processors} | {r.Ingestors} | {r.UsersPerSecond:N0} | {r.CpuMicrosecondsPerUser:N0} | {r.MachineShare:P0} | {cost} |"));
        }
    }
}
