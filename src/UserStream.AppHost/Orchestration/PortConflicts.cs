using System.Globalization;
using System.Text;

namespace UserStream.AppHost.Orchestration;

/// <summary>Finds, before anything starts, ports that are taken or planned twice, and says which setting to change.</summary>
public static class PortConflicts
{
    /// <summary>One message per conflict; empty when every port is free and unique.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyList<PlannedPort> ports, Func<int, bool> isInUse)
    {
        var messages = new List<string>();
        foreach (var group in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            var owners = string.Join(" and ", group.Select(p => $"{p.Owner} ({p.Setting})"));
            messages.Add(string.Create(CultureInfo.InvariantCulture,
                $"Port {group.Key} is planned for both {owners}: give one of them another port, e.g. --{group.Last().Setting}=<port>."));
        }
        foreach (var port in ports.DistinctBy(p => p.Port).Where(p => isInUse(p.Port)))
        {
            messages.Add(string.Create(CultureInfo.InvariantCulture,
                $"Port {port.Port} ({port.Owner}) is already in use on 127.0.0.1: stop what listens there, or choose another port with --{port.Setting}=<port> (environment: {port.Setting.Replace(":", "__", StringComparison.Ordinal)}=<port>)."));
        }
        return messages;
    }

    /// <exception cref="InvalidOperationException">Naming every conflicting port and its setting.</exception>
    public static void ThrowIfAny(IReadOnlyList<PlannedPort> ports, Func<int, bool> isInUse)
    {
        var messages = Find(ports, isInUse);
        if (messages.Count == 0)
            return;
        var text = new StringBuilder("Cannot start: port conflict").AppendLine(messages.Count > 1 ? "s:" : ":");
        foreach (var message in messages)
            text.Append("  - ").AppendLine(message);
        throw new InvalidOperationException(text.ToString().TrimEnd());
    }
}
