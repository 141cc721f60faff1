using System.Globalization;

namespace UserStream.Benchmarks;

/// <summary>Command-line options: --users N (default 50000), --run-size N (default 5000), --rate USERS_PER_S (default: as fast as possible).</summary>
public sealed record BenchmarkOptions(int Users, int RunSize, int? Rate)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var users = 50_000;
        var runSize = 5_000;
        int? rate = null;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number");
            switch (args[i])
            {
                case "--users": users = Next(); break;
                case "--run-size": runSize = Next(); break;
                case "--rate": rate = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}; use --users N, --run-size N, --rate USERS_PER_SECOND");
            }
        }
        return new BenchmarkOptions(users, Math.Min(runSize, users), rate);
    }
}
