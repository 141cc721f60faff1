using System.Reflection;
using Confluent.Kafka;

namespace UserStream.Confluent.Kafka.Native;

/// <summary>
/// Makes sure the process runs on the librdkafka that librdkafka.redist ships. Confluent.Kafka falls
/// back, without a word, to any system librdkafka when the packaged one fails to load (on Debian 12 the
/// redist's default build does, for want of libsasl2.so.3; kcat brings in Debian's librdkafka 2.0.2).
/// build/Librdkafka.targets ships a build that loads; this check turns any slip back into a clear refusal.
/// </summary>
public static class LibrdkafkaVersionCheck
{
    /// <summary>The librdkafka.redist version this assembly was built against (recorded at build time).</summary>
    public static string ExpectedVersion { get; } =
        typeof(LibrdkafkaVersionCheck).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "LibrdkafkaRedistVersion")?.Value
        ?? throw new InvalidOperationException("UserStream.Kafka was built without its LibrdkafkaRedistVersion metadata (build/Librdkafka.targets).");

    private static readonly Lazy<string> Verified = new(() => Verify(LoadedVersion(), ExpectedVersion!));

    /// <summary>The version of the librdkafka Confluent.Kafka has loaded (loading it if it is not yet).</summary>
    /// <exception cref="InvalidOperationException">No librdkafka could be loaded at all.</exception>
    public static string LoadedVersion()
    {
        try
        {
            return Library.VersionString;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            throw new InvalidOperationException(
                $"librdkafka could not be loaded ({e.Message}). Confluent.Kafka needs librdkafka.redist {ExpectedVersion}'s library in " +
                "runtimes/linux-x64/native/ of the application; build/Librdkafka.targets (imported by Directory.Build.targets) puts it there.", e);
        }
    }

    /// <summary>
    /// Checks once per process that the loaded librdkafka is <see cref="ExpectedVersion"/>; returns it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another librdkafka is loaded: Kafka clients must not start on it.</exception>
    public static string EnsureExpectedVersion() => Verified.Value;

    /// <summary>Returns <paramref name="loaded"/> when it is <paramref name="expected"/>, otherwise throws saying why and what to do.</summary>
    /// <exception cref="InvalidOperationException">The versions differ.</exception>
    public static string Verify(string loaded, string expected)
    {
        if (string.Equals(loaded, expected, StringComparison.Ordinal))
            return loaded;
        var paths = LibrdkafkaLocation.LoadedPaths();
        throw new InvalidOperationException(
            $"librdkafka {loaded} is loaded{(paths.Count == 0 ? "" : $" from {string.Join(", ", paths)}")}, but this build ships librdkafka.redist {expected}: refusing to run Kafka clients on it. " +
            "Confluent.Kafka falls back to a system librdkafka when the packaged one fails to load; rebuild so that build/Librdkafka.targets " +
            "places the redist's centos8 build as runtimes/linux-x64/native/librdkafka.so in the output (a project outside the repository's " +
            "Directory.Build.targets must import build/Librdkafka.targets itself).");
    }
}
