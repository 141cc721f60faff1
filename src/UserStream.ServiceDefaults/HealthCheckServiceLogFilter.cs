using Microsoft.Extensions.Logging;

namespace UserStream.ServiceDefaults;

/// <summary>
/// Drops the health check service's Error lines (<see cref="LoggedHealthCheck"/> logs each failure itself, at the
/// right level) and keeps the rest of that category at the level configuration gives it. A rule with only a filter
/// would replace the configured level (and let its Debug lines through), so the level is carried over.
/// </summary>
internal static class HealthCheckServiceLogFilter
{
    public static void Apply(LoggerFilterOptions options, string category)
    {
        var minimum = ConfiguredLevel(options, category);
        options.Rules.Add(new LoggerFilterRule(null, category, minimum, (_, _, level) => level < LogLevel.Error));
    }

    // The provider-independent rule with the longest matching category prefix (the last of equals), as the logging
    // framework selects it; without one, the global minimum.
    private static LogLevel ConfiguredLevel(LoggerFilterOptions options, string category)
    {
        LoggerFilterRule? best = null;
        foreach (var rule in options.Rules)
        {
            if (rule.ProviderName is not null || rule.Filter is not null)
                continue;
            if (rule.CategoryName is { } prefix && !category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                continue;
            if (best is null || (rule.CategoryName?.Length ?? 0) >= (best.CategoryName?.Length ?? 0))
                best = rule;
        }
        return best?.LogLevel ?? options.MinLevel;
    }
}
