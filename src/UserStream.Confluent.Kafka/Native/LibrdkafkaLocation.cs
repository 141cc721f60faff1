namespace UserStream.Confluent.Kafka.Native;

/// <summary>Where the librdkafka in this process was loaded from, for start-up logs and error messages.</summary>
public static class LibrdkafkaLocation
{
    /// <summary>
    /// The file(s) named librdkafka* mapped into this process (Linux: /proc/self/maps); empty elsewhere.
    /// More than one means two librdkafka builds are loaded at once.
    /// </summary>
    public static IReadOnlyList<string> LoadedPaths()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return [];
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : null)
            .Where(path => path is not null && Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Select(path => path!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
