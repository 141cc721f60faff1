namespace UserStream.AppHost.Model;

/// <summary>One entry of <c>GET /api/resources</c>; secrets are already masked.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string Mode,
    string State,
    IReadOnlyList<string> Endpoints,
    IReadOnlyDictionary<string, string> Environment,
    int? Pid,
    int Restarts,
    DateTimeOffset? StartedAt,
    string? Note);
