using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Hands a section of the AppHost's configuration on to a service.</summary>
public static class SettingsExtensions
{
    /// <summary>
    /// Gives the resource every setting the AppHost has under <paramref name="section"/> (its appsettings, environment,
    /// user secrets or command line: <c>./run.sh --Ingestion:Schedule:Cron="0 */5 * * * *"</c>) as the environment
    /// variables the service binds (<c>Ingestion__Schedule__Cron</c>). Settings the AppHost does not have are left to the
    /// service's own defaults.
    /// </summary>
    public static IResourceBuilder<T> WithSettingsFrom<T>(this IResourceBuilder<T> builder, string section)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(section);
        foreach (var (key, value) in Settings(builder.ApplicationBuilder.Configuration, section))
            builder.WithEnvironment(key, value);
        return builder;
    }

    /// <summary>The settings under <paramref name="section"/> with values, as environment variable names and values.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(section).AsEnumerable()
            .Where(setting => setting.Value is not null)
            .Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value!))
            .OrderBy(setting => setting.Key, StringComparer.Ordinal);
    }
}
