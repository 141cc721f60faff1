using System.Globalization;

namespace UserStream.Benchmarks;

/// <summary>
/// Command-line options: --users N (burst, default 50000), --run-size N (burst run size, default 5000),
/// --paced-rate USERS_PER_S (default 3000) for --paced-seconds S (default 20), --warmup-users N (default 20000, 0 for none), --json FILE (optional), --perf-map (the services write /tmp/perf-PID.map, so `perf record -a` names their .NET frames).
/// --processors 1,2,3 and/or --ingestors 1,2: the scaling table instead (a burst per replica count, see <see cref="ScalingTable"/>).
/// </summary>
public sealed record BenchmarkOptions(int Users, int RunSize, int PacedRate, int PacedSeconds, string? JsonPath, int WarmupUsers = 20_000, bool PerfMap = false,
    IReadOnlyList<int>? Processors = null, IReadOnlyList<int>? Ingestors = null)
{
    /// <summary>Whether --processors or --ingestors asked for the scaling table.</summary>
    public bool Scaling => Processors is not null || Ingestors is not null;

    /// <summary>The paced phase posts one small run per tick.</summary>
    public static readonly TimeSpan PacedTick = TimeSpan.FromMilliseconds(100);

    public const string Usage =
        "usage: UserStream.Benchmarks [--users N] [--run-size N] [--paced-rate USERS_PER_SECOND] [--paced-seconds S] [--warmup-users N] [--json FILE] [--perf-map] [--processors 1,2,3] [--ingestors 1,2]";

    /// <summary>Users posted per tick of the paced phase.</summary>
    public int PacedRunSize => (int)Math.Round(PacedRate * PacedTick.TotalSeconds);

    public static BenchmarkOptions Parse(string[] args)
    {
        var users = 50_000;
        var runSize = 5_000;
        var pacedRate = 3_000;
        var pacedSeconds = 20;
        string? json = null;
        var perfMap = false;
        var warmupUsers = 20_000;
        IReadOnlyList<int>? processors = null, ingestors = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value. {Usage}");
            int Positive()
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                    ? v
                    : throw new ArgumentException($"{name} needs a positive whole number, not '{text}'. {Usage}");
            }
            int NonNegative()
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new ArgumentException($"{name} needs a whole number, 0 or more, not '{text}'. {Usage}");
            }
            IReadOnlyList<int> Counts()
            {
                var text = Value();
                var counts = text.Split(',', StringSplitOptions.TrimEntries).Select(c =>
                    int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= 16
                        ? v
                        : throw new ArgumentException($"{name} needs replica counts from 1 to 16, comma-separated, not '{text}'. {Usage}")).ToList();
                return [.. counts.Distinct().Order()];
            }
            switch (name)
            {
                case "--processors": processors = Counts(); break;
                case "--ingestors": ingestors = Counts(); break;
                case "--users": users = Positive(); break;
                case "--run-size": runSize = Positive(); break;
                case "--paced-rate": pacedRate = Positive(); break;
                case "--paced-seconds": pacedSeconds = Positive(); break;
                case "--json": json = Value(); break;
                case "--warmup-users": warmupUsers = NonNegative(); break;
                case "--perf-map": perfMap = true; break;
                case "--help" or "-h": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"unknown option '{name}'. {Usage}");
            }
        }
        var options = new BenchmarkOptions(users, Math.Min(runSize, users), pacedRate, pacedSeconds, json, warmupUsers, perfMap, processors, ingestors);
        if (options.PacedRunSize < 1)
            throw new ArgumentException($"--paced-rate {pacedRate} is below one user per {PacedTick.TotalMilliseconds:N0} ms tick; use at least {(int)Math.Ceiling(1 / PacedTick.TotalSeconds)}.");
        if (json is not null && Path.GetDirectoryName(Path.GetFullPath(json)) is { } folder && !Directory.Exists(folder))
            throw new ArgumentException($"--json {json}: folder {folder} does not exist.");
        return options;
    }
}
