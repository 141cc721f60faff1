using System.Globalization;

namespace UserStream.AppHost.Infrastructure;

/// <summary>The official images and their settings for each kind of infrastructure.</summary>
public static class ContainerSpecs
{
    public const string PostgresImage = "docker.io/library/postgres:17";
    public const string KafkaImage = "docker.io/apache/kafka:4.0.0";
    public const string CassandraImage = "docker.io/library/cassandra:5";

    public static string ContainerName(string resource) => "userstream-" + resource;

    public static ContainerSpec Postgres(string resource, int hostPort, string password, string? volume, string? image = null) => new(
        ContainerName(resource),
        image ?? PostgresImage,
        hostPort,
        5432,
        new Dictionary<string, string> { ["POSTGRES_USER"] = "postgres" },
        new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = password },
        "pg_isready -U postgres -d postgres",
        volume,
        "/var/lib/postgresql/data",
        resource);

    /// <summary>
    /// Single-node KRaft (broker and controller in one). It listens inside the container on the host
    /// port itself, so the advertised address 127.0.0.1:port is right both for clients on the host and
    /// for the health check inside the container.
    /// </summary>
    public static ContainerSpec Kafka(string resource, int hostPort, string? volume, string? image = null)
    {
        var port = hostPort.ToString(CultureInfo.InvariantCulture);
        return new(
            ContainerName(resource),
            image ?? KafkaImage,
            hostPort,
            hostPort,
            new Dictionary<string, string>
            {
                ["KAFKA_NODE_ID"] = "1",
                ["KAFKA_PROCESS_ROLES"] = "broker,controller",
                ["KAFKA_LISTENERS"] = $"PLAINTEXT://:{port},CONTROLLER://:9093",
                ["KAFKA_ADVERTISED_LISTENERS"] = $"PLAINTEXT://127.0.0.1:{port}",
                ["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER",
                ["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                ["KAFKA_CONTROLLER_QUORUM_VOTERS"] = "1@localhost:9093",
                ["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1",
                ["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1",
                ["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1",
                ["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0",
                ["KAFKA_NUM_PARTITIONS"] = "32",
                ["KAFKA_LOG_DIRS"] = "/var/lib/kafka/data",
            },
            new Dictionary<string, string>(),
            $"/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:{port}",
            volume,
            "/var/lib/kafka/data",
            resource);
    }

    public static ContainerSpec Cassandra(string resource, int hostPort, string? volume, string? image = null) => new(
        ContainerName(resource),
        image ?? CassandraImage,
        hostPort,
        9042,
        new Dictionary<string, string>
        {
            ["CASSANDRA_CLUSTER_NAME"] = "user-stream",
            ["MAX_HEAP_SIZE"] = "1G",
            ["HEAP_NEWSIZE"] = "200M",
        },
        new Dictionary<string, string>(),
        "cqlsh -e 'DESCRIBE KEYSPACES'",
        volume,
        "/var/lib/cassandra",
        resource);
}
