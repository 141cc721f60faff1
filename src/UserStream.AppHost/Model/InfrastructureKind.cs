namespace UserStream.AppHost.Model;

/// <summary>The infrastructure the pipeline needs; each can be external, a container, or local.</summary>
public enum InfrastructureKind
{
    Postgres,
    Kafka,
    Cassandra,
}
