using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UserStream.Benchmarks;

/// <summary>The benchmark's result, shaped as its JSON file (keys of issues 11 and 21; docs/benchmark.md), and its console table.</summary>
public sealed record BenchmarkReport(
    [property: JsonPropertyName("burst")] BurstFigures Burst,
    [property: JsonPropertyName("paced")] PacedFigures Paced,
    [property: JsonPropertyName("stages")] StageFigures Stages,
    [property: JsonPropertyName("baselines")] BaselineFigures Baselines,
    [property: JsonPropertyName("ratios")] RatioFigures Ratios,
    [property: JsonPropertyName("stages_alone")] StagesAloneFigures StagesAlone,
    [property: JsonPropertyName("ratios_alone")] RatioFigures RatiosAlone,
    [property: JsonPropertyName("cpu_us_per_user")] IReadOnlyDictionary<string, double> CpuMicrosecondsPerUser,
    [property: JsonPropertyName("peak_rss_mib")] IReadOnlyDictionary<string, double> PeakRssMiB,
    [property: JsonPropertyName("application_rss_mib")] double ApplicationMiB)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static BenchmarkReport From(BurstResult burst, PacedResult paced, StageRate? relay, StageRate? processor,
        StagesAloneResult alone, BaselineFigures baselines, CpuFigures burstCpu, CpuFigures pacedCpu, IReadOnlyDictionary<string, double> peakRss, double applicationMiB)
    {
        var relayRate = relay?.PerSecond;
        var processorRate = processor?.PerSecond;
        var processorRaw = Math.Min(baselines.RawConsumePerSecond, baselines.RawUpsertPerSecond);
        return new BenchmarkReport(
            new BurstFigures(burst.Users, Round(burst.UsersPerSecond),
                Round(burst.Latency.RequestP50Ms), Round(burst.Latency.RequestP99Ms), Round(burst.Latency.IngestP50Ms), Round(burst.Latency.IngestP99Ms),
                burstCpu.MicrosecondsPerUser(burst.Stored), Math.Round(burstCpu.MachineShare, 3)),
            new PacedFigures(paced.Rate, paced.Seconds, Round(paced.AchievedUsersPerSecond),
                Round(paced.Latency.RequestP50Ms), Round(paced.Latency.RequestP99Ms), Round(paced.Latency.IngestP50Ms), Round(paced.Latency.IngestP99Ms),
                pacedCpu.MicrosecondsPerUser(paced.Stored), Math.Round(pacedCpu.MachineShare, 3)),
            new StageFigures(Round(relayRate), Round(processorRate)),
            baselines with
            {
                RawProducePerSecond = Round(baselines.RawProducePerSecond),
                RawConsumePerSecond = Round(baselines.RawConsumePerSecond),
                RawUpsertPerSecond = Round(baselines.RawUpsertPerSecond),
            },
            new RatioFigures(Ratio(relayRate, baselines.RawProducePerSecond), Ratio(processorRate, processorRaw)),
            new StagesAloneFigures(new StageAlone(Round(alone.RelayPerSecond)), new StageAlone(Round(alone.ProcessorPerSecond)),
                alone.Messages.Count, alone.StoreRowsBefore),
            new RatioFigures(Ratio(alone.RelayPerSecond, baselines.RawProducePerSecond), Ratio(alone.ProcessorPerSecond, processorRaw)),
            burstCpu.MicrosecondsPerUser(burst.Stored),
            peakRss.OrderByDescending(p => p.Value).ToDictionary(p => p.Key, p => Math.Round(p.Value, 1)),
            Math.Round(applicationMiB, 1));
    }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + Environment.NewLine);

    /// <summary>The figures as a table, with the stages' busy shares (how much of the burst they had work waiting) and the ingest rate beside them.</summary>
    public void PrintTable(double? ingest, StageRate? relay, StageRate? processor)
    {
        static string N(double? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "n/a";
        static string Share(StageRate? s) => s is null ? "" : $"  (had work waiting {s.BusyShare:P0} of its span)";
        Console.WriteLine();
        Console.WriteLine($"{"",-44}{"value",14}");
        Console.WriteLine($"{"burst users",-44}{Burst.Users,14:N0}");
        Console.WriteLine($"{"burst users/s (first POST → last commit)",-44}{N(Burst.UsersPerSecond),14}");
        Console.WriteLine($"{"burst request→visible p50 / p99 ms",-44}{$"{N(Burst.RequestToVisibleP50Ms)} / {N(Burst.RequestToVisibleP99Ms)}",14}");
        Console.WriteLine($"{"burst ingest→visible p50 / p99 ms",-44}{$"{N(Burst.IngestToVisibleP50Ms)} / {N(Burst.IngestToVisibleP99Ms)}",14}");
        Console.WriteLine($"{"burst CPU µs per user (all processes)",-44}{N(Burst.CpuMicrosecondsPerUser["total"]),14}  ({Burst.MachineShare:P0} of the machine)");
        Console.WriteLine($"{"paced offered users/s × s",-44}{$"{Paced.Rate:N0} × {Paced.Seconds}",14}");
        Console.WriteLine($"{"paced achieved users/s",-44}{N(Paced.AchievedUsersPerSecond),14}");
        Console.WriteLine($"{"paced request→visible p50 / p99 ms",-44}{$"{N(Paced.RequestToVisibleP50Ms)} / {N(Paced.RequestToVisibleP99Ms)}",14}");
        Console.WriteLine($"{"paced ingest→visible p50 / p99 ms",-44}{$"{N(Paced.IngestToVisibleP50Ms)} / {N(Paced.IngestToVisibleP99Ms)}",14}");
        Console.WriteLine($"{"paced CPU µs per user (all processes)",-44}{N(Paced.CpuMicrosecondsPerUser["total"]),14}  ({Paced.MachineShare:P0} of the machine)");
        Console.WriteLine($"{"ingest fetch→outbox/s (burst)",-44}{N(ingest),14}  (first POST to last outbox row; table only)");
        Console.WriteLine($"{"relay publish/s (in the burst, in pipeline)",-44}{N(Stages.RelayPublishPerSecond),14}{Share(relay)}");
        Console.WriteLine($"{"processor consume→stored/s (burst, in pipeline)",-44}{N(Stages.ProcessorPerSecond),14}{Share(processor)}");
        Console.WriteLine($"{"relay publish/s (alone, outbox pre-filled)",-44}{N(StagesAlone.Relay.UsersPerSecond),14}  ({StagesAlone.Users:N0} users)");
        Console.WriteLine($"{"processor consume→stored/s (alone)",-44}{N(StagesAlone.Processor.UsersPerSecond),14}  (topic pre-filled; store held {StagesAlone.StoreUsersBefore:N0})");
        Console.WriteLine($"{"raw produce/s",-44}{N(Baselines.RawProducePerSecond),14}");
        Console.WriteLine($"{"raw consume/s",-44}{N(Baselines.RawConsumePerSecond),14}");
        Console.WriteLine($"{"raw upsert/s",-44}{N(Baselines.RawUpsertPerSecond),14}");
        static string R(double? v) => v?.ToString("F3", CultureInfo.InvariantCulture) ?? "n/a";
        Console.WriteLine($"{"relay ÷ raw produce (in pipeline; alone)",-44}{$"{R(Ratios.RelayVsRawProduce)}; {R(RatiosAlone.RelayVsRawProduce)}",14}");
        Console.WriteLine($"{"processor ÷ min(raw consume, upsert) (same)",-44}{$"{R(Ratios.ProcessorVsRaw)}; {R(RatiosAlone.ProcessorVsRaw)}",14}");
        Console.WriteLine("peak RSS (VmHWM, MiB), per process group:");
        foreach (var (name, mib) in PeakRssMiB)
            Console.WriteLine($"  {name,-42}{mib,14:N0}");
        Console.WriteLine($"{"the whole application now (Pss, MiB)",-44}{ApplicationMiB,14:N0}");
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static double? Ratio(double? stage, double raw) => stage is { } s && raw > 0 ? Math.Round(s / raw, 3) : null;
}

public sealed record BurstFigures(
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("users_per_second")] double UsersPerSecond,
    [property: JsonPropertyName("request_to_visible_p50_ms")] double RequestToVisibleP50Ms,
    [property: JsonPropertyName("request_to_visible_p99_ms")] double RequestToVisibleP99Ms,
    [property: JsonPropertyName("ingest_to_visible_p50_ms")] double IngestToVisibleP50Ms,
    [property: JsonPropertyName("ingest_to_visible_p99_ms")] double IngestToVisibleP99Ms,
    [property: JsonPropertyName("cpu_us_per_user")] IReadOnlyDictionary<string, double> CpuMicrosecondsPerUser,
    [property: JsonPropertyName("machine_share")] double MachineShare);

public sealed record PacedFigures(
    [property: JsonPropertyName("rate")] int Rate,
    [property: JsonPropertyName("seconds")] int Seconds,
    [property: JsonPropertyName("achieved_users_per_second")] double AchievedUsersPerSecond,
    [property: JsonPropertyName("request_to_visible_p50_ms")] double RequestToVisibleP50Ms,
    [property: JsonPropertyName("request_to_visible_p99_ms")] double RequestToVisibleP99Ms,
    [property: JsonPropertyName("ingest_to_visible_p50_ms")] double IngestToVisibleP50Ms,
    [property: JsonPropertyName("ingest_to_visible_p99_ms")] double IngestToVisibleP99Ms,
    [property: JsonPropertyName("cpu_us_per_user")] IReadOnlyDictionary<string, double> CpuMicrosecondsPerUser,
    [property: JsonPropertyName("machine_share")] double MachineShare);

/// <summary>Null when a stage wrote fewer than two batches, so no rate can be told.</summary>
public sealed record StageFigures(
    [property: JsonPropertyName("relay_publish_per_second")] double? RelayPublishPerSecond,
    [property: JsonPropertyName("processor_per_second")] double? ProcessorPerSecond);

public sealed record BaselineFigures(
    [property: JsonPropertyName("raw_produce_per_second")] double RawProducePerSecond,
    [property: JsonPropertyName("raw_consume_per_second")] double RawConsumePerSecond,
    [property: JsonPropertyName("raw_upsert_per_second")] double RawUpsertPerSecond);

public sealed record RatioFigures(
    [property: JsonPropertyName("relay_vs_raw_produce")] double? RelayVsRawProduce,
    [property: JsonPropertyName("processor_vs_raw")] double? ProcessorVsRaw);

/// <summary>Each stage alone (<see cref="UserStream.Benchmarks.StagesAlone"/>): its users, and the users the store held before the processor's drain.</summary>
public sealed record StagesAloneFigures(
    [property: JsonPropertyName("relay")] StageAlone Relay,
    [property: JsonPropertyName("processor")] StageAlone Processor,
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("store_users_before")] long StoreUsersBefore);

public sealed record StageAlone([property: JsonPropertyName("users_per_second")] double UsersPerSecond);
