namespace UserStream.AppHost.Logging;

/// <summary>
/// Writes every resource's lines to the AppHost's console, prefixed with the resource name in a colour
/// of its own, so interleaved output stays readable. Lines are written whole under one lock.
/// </summary>
public sealed class ConsoleEcho(TextWriter output, bool useColour)
{
    private static readonly ConsoleColor[] Palette =
        [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkGreen, ConsoleColor.DarkMagenta];

    private readonly object _gate = new();
    private readonly Dictionary<string, ConsoleColor> _colours = new(StringComparer.Ordinal);
    private int _prefixWidth = 10;

    public static ConsoleEcho ForConsole() => new(Console.Out, !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

    public void Write(string resource, string text, bool isError = false)
    {
        lock (_gate)
        {
            _prefixWidth = Math.Max(_prefixWidth, resource.Length);
            var prefix = resource.PadRight(_prefixWidth) + " | ";
            if (useColour)
            {
                Console.ForegroundColor = ColourOf(resource);
                output.Write(prefix);
                if (isError)
                    Console.ForegroundColor = ConsoleColor.Red;
                else
                    Console.ResetColor();
                output.WriteLine(text);
                Console.ResetColor();
            }
            else
            {
                output.WriteLine(prefix + text);
            }
        }
    }

    /// <summary>A message of the AppHost itself (not of a resource); warnings stand out.</summary>
    public void Announce(string text, bool warning = false)
    {
        lock (_gate)
        {
            if (useColour && warning)
                Console.ForegroundColor = ConsoleColor.Yellow;
            output.WriteLine(text);
            if (useColour)
                Console.ResetColor();
        }
    }

    private ConsoleColor ColourOf(string resource)
    {
        if (!_colours.TryGetValue(resource, out var colour))
            _colours[resource] = colour = Palette[_colours.Count % Palette.Length];
        return colour;
    }
}
