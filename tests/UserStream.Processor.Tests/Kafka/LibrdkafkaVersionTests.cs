using UserStream.Testing;
using UserStream.EmbeddedKafka;
using UserStream.Confluent.Kafka.Native;

namespace UserStream.Processor.Tests.Kafka;

/// <summary>The process runs on librdkafka.redist's librdkafka (the build chosen at build time), and only on it.</summary>
public sealed class LibrdkafkaVersionTests
{
    [Fact]
    public void The_loaded_librdkafka_is_the_version_the_package_ships_from_the_application_folder()
    {
        Assert.Equal(LibrdkafkaVersionCheck.ExpectedVersion, LibrdkafkaVersionCheck.LoadedVersion());
        Assert.Equal(LibrdkafkaVersionCheck.ExpectedVersion, LibrdkafkaVersionCheck.EnsureExpectedVersion());
        var loaded = Assert.Single(LibrdkafkaLocation.LoadedPaths());
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "librdkafka.so"), loaded);
    }

    [Fact]
    public void The_expected_version_is_the_librdkafka_redist_version_the_repository_pins()
    {
        var pinned = System.Xml.Linq.XDocument.Load(Path.Combine(BuiltProjects.RepositoryRoot(), "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == "librdkafka.redist")
            .Attribute("Version")!.Value;
        Assert.Equal(pinned, LibrdkafkaVersionCheck.ExpectedVersion);
    }

    [Fact]
    public void The_check_refuses_a_librdkafka_other_than_the_expected_one_and_says_which_and_why()
    {
        var loaded = LibrdkafkaVersionCheck.LoadedVersion();

        var e = Assert.Throws<InvalidOperationException>(() => LibrdkafkaVersionCheck.Verify(loaded, "9.9.9"));

        Assert.Contains($"librdkafka {loaded} is loaded", e.Message);
        Assert.Contains("librdkafka.redist 9.9.9", e.Message);
        Assert.Contains("build/Librdkafka.targets", e.Message);
        var debian = Assert.Throws<InvalidOperationException>(() => LibrdkafkaVersionCheck.Verify("2.0.2", loaded));
        Assert.Contains("librdkafka 2.0.2 is loaded", debian.Message);
        Assert.Equal(loaded, LibrdkafkaVersionCheck.Verify(loaded, loaded));
    }

    [Fact]
    public void The_embedded_broker_runs_on_the_librdkafka_Confluent_Kafka_loaded()
    {
        _ = SharedInfrastructure.Broker;

        Assert.Equal(global::Confluent.Kafka.Library.VersionString, EmbeddedKafkaBroker.LibrdkafkaVersion);
        // One librdkafka file in the process: the broker did not bring in a system copy.
        Assert.Single(LibrdkafkaLocation.LoadedPaths());
    }
}
