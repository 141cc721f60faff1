namespace UserStream.Ingestor.Api;

/// <summary>Checks a POST /runs body; returns errors by field, empty when it is acceptable.</summary>
public static class RunRequestValidator
{
    public static Dictionary<string, string[]> Validate(StartRunRequest? request, int maxUsers)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON body is required, e.g. {\"count\": 100, \"seed\": \"abc\"}."];
            return errors;
        }
        if (request.Count is null)
            errors["count"] = ["count is required."];
        else if (request.Count < 1 || request.Count > maxUsers)
            errors["count"] = [$"count must be between 1 and {maxUsers}."];
        if (request.Seed is { } seed && (seed.Length is 0 or > 64 || !seed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            errors["seed"] = ["seed must be 1 to 64 letters, digits, '-' or '_'."];
        return errors;
    }
}
