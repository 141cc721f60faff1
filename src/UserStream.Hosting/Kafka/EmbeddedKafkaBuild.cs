using System.Reflection;

namespace UserStream.Hosting.Kafka;

/// <summary>Where the embedded broker was built: the project is referenced by this one, so it is built with it, in the same configuration.</summary>
internal static class EmbeddedKafkaBuild
{
    private const string AssemblyName = "UserStream.EmbeddedKafka";

    /// <summary>The broker's dll; fails with what to build when it is missing.</summary>
    public static string DllPath()
    {
        var dll = Path.Combine(Metadata("EmbeddedKafkaProject"), "bin", Metadata("BuildConfiguration"), Metadata("TargetFramework"), AssemblyName + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The embedded Kafka broker is not built: {dll} is missing (build src/{AssemblyName}).", dll);
    }

    private static string Metadata(string key) =>
        typeof(EmbeddedKafkaBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
