using System.Diagnostics;

namespace UserStream.Benchmarks;

/// <summary>Prints a progress line at most every two seconds, so a long phase shows it is alive without flooding the console.</summary>
public sealed class ProgressLine(string phase)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>True when a line is due; the caller then prints with <see cref="Print"/>.</summary>
    public bool Due => _clock.Elapsed - _last >= Every;

    public void Print(string text)
    {
        _last = _clock.Elapsed;
        Console.WriteLine($"  [{phase,-6} {_clock.Elapsed.TotalSeconds,6:F1} s] {text}");
    }
}
