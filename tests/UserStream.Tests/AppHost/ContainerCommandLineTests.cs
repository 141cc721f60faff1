using UserStream.AppHost.Infrastructure;

namespace UserStream.Tests.AppHost;

public class ContainerCommandLineTests
{
    private static string ValueAfter(IReadOnlyList<string> arguments, string flag) => arguments[IndexOf(arguments, flag) + 1];

    private static int IndexOf(IReadOnlyList<string> arguments, string value)
    {
        for (var i = 0; i < arguments.Count; i++)
            if (arguments[i] == value)
                return i;
        return -1;
    }

    private static IEnumerable<string> EnvironmentArguments(IReadOnlyList<string> arguments) =>
        arguments.Select((a, i) => (a, i)).Where(x => x.a == "-e").Select(x => arguments[x.i + 1]);

    [Fact]
    public void Postgres_runs_the_official_17_image_published_on_loopback_with_a_health_check()
    {
        var arguments = ContainerCommandLine.Run(ContainerSpecs.Postgres("postgres", 15432, "pw-0123456789", volume: null));

        Assert.Equal(["run", "--rm"], arguments.Take(2));
        Assert.Equal("userstream-postgres", ValueAfter(arguments, "--name"));
        Assert.Equal("127.0.0.1:15432:5432", ValueAfter(arguments, "-p"));
        Assert.Equal("pg_isready -U postgres -d postgres", ValueAfter(arguments, "--health-cmd"));
        Assert.Equal("docker.io/library/postgres:17", arguments[^1]);
        Assert.Equal(-1, IndexOf(arguments, "-v"));
    }

    [Fact]
    public void The_postgres_password_is_passed_by_name_only_never_on_the_command_line()
    {
        var spec = ContainerSpecs.Postgres("postgres", 15432, "pw-0123456789", volume: null);

        var arguments = ContainerCommandLine.Run(spec);

        Assert.Contains("POSTGRES_PASSWORD", EnvironmentArguments(arguments));
        Assert.DoesNotContain(arguments, a => a.Contains("pw-0123456789"));
        Assert.Equal("pw-0123456789", spec.SecretEnvironment["POSTGRES_PASSWORD"]);
    }

    [Fact]
    public void A_named_data_volume_is_mounted_on_the_image_data_directory()
    {
        Assert.Equal("pgdata:/var/lib/postgresql/data", ValueAfter(ContainerCommandLine.Run(ContainerSpecs.Postgres("postgres", 1, "pw-0123456789", "pgdata")), "-v"));
        Assert.Equal("kdata:/var/lib/kafka/data", ValueAfter(ContainerCommandLine.Run(ContainerSpecs.Kafka("kafka", 1, "kdata")), "-v"));
        Assert.Equal("cdata:/var/lib/cassandra", ValueAfter(ContainerCommandLine.Run(ContainerSpecs.Cassandra("cassandra", 1, "cdata")), "-v"));
    }

    [Fact]
    public void Kafka_runs_in_KRaft_mode_advertising_the_published_host_port()
    {
        var arguments = ContainerCommandLine.Run(ContainerSpecs.Kafka("kafka", 19092, volume: null));
        var environment = EnvironmentArguments(arguments).ToList();

        Assert.StartsWith("docker.io/apache/kafka:", arguments[^1]);
        Assert.Equal("127.0.0.1:19092:19092", ValueAfter(arguments, "-p"));
        Assert.Contains("KAFKA_PROCESS_ROLES=broker,controller", environment);
        Assert.Contains("KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://127.0.0.1:19092", environment);
        Assert.Contains("KAFKA_LISTENERS=PLAINTEXT://:19092,CONTROLLER://:9093", environment);
        Assert.Contains("KAFKA_CONTROLLER_QUORUM_VOTERS=1@localhost:9093", environment);
        Assert.Contains("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1", environment);
        Assert.Contains("--bootstrap-server 127.0.0.1:19092", ValueAfter(arguments, "--health-cmd"));
    }

    [Fact]
    public void Cassandra_runs_the_official_5_image_on_the_native_protocol_port()
    {
        var arguments = ContainerCommandLine.Run(ContainerSpecs.Cassandra("cassandra", 19042, volume: null));

        Assert.Equal("docker.io/library/cassandra:5", arguments[^1]);
        Assert.Equal("127.0.0.1:19042:9042", ValueAfter(arguments, "-p"));
        Assert.StartsWith("cqlsh", ValueAfter(arguments, "--health-cmd"));
        Assert.Equal("userstream-cassandra", ValueAfter(arguments, "--name"));
    }

    [Fact]
    public void Another_image_can_be_configured()
    {
        var arguments = ContainerCommandLine.Run(ContainerSpecs.Postgres("postgres", 1, "pw-0123456789", null, image: "postgres:17-alpine"));

        Assert.Equal("postgres:17-alpine", arguments[^1]);
    }

    [Fact]
    public void Health_stop_and_leftover_commands_name_the_container()
    {
        Assert.Equal(["inspect", "--format", "{{.State.Health.Status}}", "userstream-kafka"], ContainerCommandLine.HealthStatus("userstream-kafka"));
        Assert.Equal(["stop", "-t", "10", "userstream-kafka"], ContainerCommandLine.Stop("userstream-kafka", 10));
        Assert.Equal(["rm", "-f", "userstream-kafka"], ContainerCommandLine.RemoveLeftover("userstream-kafka"));
    }
}
