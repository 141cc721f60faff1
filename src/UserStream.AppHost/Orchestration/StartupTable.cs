using System.Text;

namespace UserStream.AppHost.Orchestration;

/// <summary>The table printed once everything has started: where each resource is and how it is provided (secrets masked).</summary>
public static class StartupTable
{
    public static string Render(ResourceRegistry registry, int dashboardPort)
    {
        var rows = registry.Snapshot()
            .Select(s => (s.Name, s.Mode, s.State, Where: s.Endpoints.FirstOrDefault() ?? s.Note ?? ""))
            .ToList();
        var nameWidth = Math.Max(8, rows.Max(r => r.Name.Length));
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"{"resource".PadRight(nameWidth)}  {"mode",-9}  {"state",-8}  endpoint / connection");
        text.AppendLine(new string('-', nameWidth + 2 + 9 + 2 + 8 + 2 + 40));
        foreach (var row in rows)
            text.AppendLine($"{row.Name.PadRight(nameWidth)}  {row.Mode,-9}  {row.State,-8}  {row.Where}");
        text.AppendLine();
        text.Append($"Dashboard and resource API: http://127.0.0.1:{dashboardPort} (/api/resources)   Ctrl+C stops everything");
        return text.ToString();
    }
}
