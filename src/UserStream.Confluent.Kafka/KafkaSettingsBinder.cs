using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace UserStream.Confluent.Kafka;

/// <summary>Fills a client's settings from configuration, in Aspire's order: section, connection string, code, then checks.</summary>
internal static class KafkaSettingsBinder
{
    /// <summary>
    /// Binds <paramref name="sectionName"/> (and, for a keyed client, <c>{sectionName}:{key}</c> over it) into
    /// <paramref name="settings"/>, its <c>Config</c> sub-section into <paramref name="config"/>, and
    /// <c>ConnectionStrings:{connectionName}</c> when set.
    /// </summary>
    public static void Bind(IConfiguration configuration, string sectionName, string? serviceKey, object settings, ClientConfig config, string connectionName, Action<string> setConnectionString)
    {
        var sections = serviceKey is null
            ? [configuration.GetSection(sectionName)]
            : new[] { configuration.GetSection(sectionName), configuration.GetSection($"{sectionName}:{serviceKey}") };
        foreach (var section in sections)
        {
            section.Bind(settings);
            BindConfig(section.GetSection("Config"), config);
        }
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
            setConnectionString(connectionString);
    }

    /// <summary>Typed names bind to <see cref="ClientConfig"/>'s properties; librdkafka's dotted names are set as they are.</summary>
    private static void BindConfig(IConfigurationSection section, ClientConfig config)
    {
        section.Bind(config);
        foreach (var entry in section.GetChildren())
        {
            if (entry.Key.Contains('.') && entry.Value is not null)
                config.Set(entry.Key, entry.Value);
        }
    }

    /// <summary>Applies the connection string and the statistics interval metrics need; throws when no server is known.</summary>
    public static void Consolidate(ClientConfig config, string? connectionString, bool disableMetrics, string sectionName, string connectionName)
    {
        if (!string.IsNullOrEmpty(connectionString))
            config.BootstrapServers = connectionString;
        if (string.IsNullOrWhiteSpace(config.BootstrapServers))
            throw new InvalidOperationException(
                $"No Kafka bootstrap servers for '{connectionName}': set ConnectionStrings:{connectionName} (\"host:port,…\") " +
                $"or {sectionName}:ConnectionString.");
        if (!disableMetrics)
            config.StatisticsIntervalMs ??= 1_000;
    }
}
