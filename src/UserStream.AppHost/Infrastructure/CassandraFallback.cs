namespace UserStream.AppHost.Infrastructure;

/// <summary>What the AppHost says when Cassandra can be neither attached nor run: the user store moves to PostgreSQL.</summary>
public static class CassandraFallback
{
    public const string Note =
        "no local form of Cassandra and no container engine or ConnectionStrings:cassandra: the services store users in PostgreSQL instead";

    public static readonly string Banner = string.Join(Environment.NewLine,
        "==================================================================================",
        " WARNING: Cassandra is NOT running. There is no local Cassandra, no container engine",
        " answered `docker info`, and no ConnectionStrings:cassandra is configured.",
        " The processor and the api store and read users in PostgreSQL instead.",
        " To use Cassandra: start Docker/Podman, or set ConnectionStrings__cassandra.",
        "==================================================================================");
}
