namespace UserStream.Cql;

/// <summary>No host could take the request: every host was down or failed to connect.</summary>
public sealed class NoHostAvailableException(IReadOnlyDictionary<string, Exception> errors)
    : DriverException(Describe(errors), errors.Values.FirstOrDefault())
{
    /// <summary>The error seen for each host tried (key: address:port).</summary>
    public IReadOnlyDictionary<string, Exception> Errors { get; } = errors;

    private static string Describe(IReadOnlyDictionary<string, Exception> errors) => errors.Count == 0
        ? "No host is available: all hosts are marked down and none is due for a reconnection attempt yet."
        : "No host could be reached: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value.Message}"));
}
