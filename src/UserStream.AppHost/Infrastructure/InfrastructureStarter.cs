using System.Globalization;
using System.Security.Cryptography;
using UserStream.AppHost.Configuration;
using UserStream.AppHost.Logging;
using UserStream.AppHost.Model;
using UserStream.AppHost.Orchestration;

namespace UserStream.AppHost.Infrastructure;

/// <summary>Starts (or attaches) one infrastructure resource in the mode the plan chose.</summary>
public static class InfrastructureStarter
{
    public static async Task<IRunningInfrastructure> StartAsync(
        InfrastructureResource resource, ResourceMode mode, ApplicationPlan plan, AppHostSettings settings,
        SecretMasker masker, ResourceLog log, CancellationToken cancellationToken)
    {
        switch (mode)
        {
            case ResourceMode.External:
                var connectionString = settings.ConnectionString(resource.Name)
                    ?? throw new InvalidOperationException($"ConnectionStrings:{resource.Name} is not set.");
                log.Write($"attached to an existing {resource.Type}: {masker.Apply(connectionString)}");
                return new ExternalInfrastructure(resource.Kind, connectionString);

            case ResourceMode.Local when resource.Kind == InfrastructureKind.Postgres:
                return await LocalPostgresInfrastructure.StartAsync(plan.Ports[resource], log, cancellationToken);

            case ResourceMode.Local when resource.Kind == InfrastructureKind.Kafka:
                return EmbeddedKafkaInfrastructure.Start(log);

            case ResourceMode.Container:
                var engine = plan.ContainerEngine ?? throw new InvalidOperationException("no container engine answers");
                return await StartContainerAsync(engine, resource, plan.Ports[resource], settings, masker, log, cancellationToken);

            default:
                throw new InvalidOperationException($"{resource.Type} cannot run in {mode} mode.");
        }
    }

    private static Task<IRunningInfrastructure> StartContainerAsync(
        string engine, InfrastructureResource resource, int port, AppHostSettings settings, SecretMasker masker, ResourceLog log, CancellationToken cancellationToken)
    {
        var name = resource.Name;
        var volume = settings.DataVolume(name);
        var image = settings.Image(name);
        var p = port.ToString(CultureInfo.InvariantCulture);
        switch (resource.Kind)
        {
            case InfrastructureKind.Postgres:
                var password = settings.Password(name) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
                masker.Register(password);
                var postgres = $"Host=127.0.0.1;Port={p};Username=postgres;Password={password};Database=postgres";
                return ContainerInfrastructure.StartAsync(engine, ContainerSpecs.Postgres(name, port, password, volume, image),
                    new ResourceConnection(postgres, null), new PostgresProbe(postgres), log, cancellationToken);
            case InfrastructureKind.Kafka:
                return ContainerInfrastructure.StartAsync(engine, ContainerSpecs.Kafka(name, port, volume, image),
                    new ResourceConnection($"127.0.0.1:{p}", null), null, log, cancellationToken);
            case InfrastructureKind.Cassandra:
                return ContainerInfrastructure.StartAsync(engine, ContainerSpecs.Cassandra(name, port, volume, image),
                    new ResourceConnection($"Contact Points=127.0.0.1;Port={p};Default Keyspace=user_stream", null), null, log, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(resource));
        }
    }
}
