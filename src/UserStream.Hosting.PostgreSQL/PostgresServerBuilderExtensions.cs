using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using UserStream.Hosting;
using UserStream.Hosting.ResourceModes;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>Adds PostgreSQL to the application model, in the form <see cref="ResourceModeSelector"/> picks.</summary>
public static class PostgresServerBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server named <paramref name="name"/>: the configured server (external),
    /// Aspire.Hosting.PostgreSQL's <c>AddPostgres</c> container (container) or the installed binaries (local).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.GetResourceMode(name) switch
        {
            ResourceMode.External => builder.AddExternalResource(name),
            ResourceMode.Container => builder.AddPostgres(name),
            _ => builder.AddLocalPostgres(name),
        };
    }

    /// <summary>
    /// The local form: postgres from <see cref="LocalPostgresServer.FindBinDirectory"/> on a free port of 127.0.0.1,
    /// initdb run before it starts (<see cref="BeforeResourceStartedEvent"/>), its folder removed when it stops.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        // Folders of earlier runs whose AppHost was killed before postgres could remove them.
        LocalPostgresServer.RemoveStaleDirectories();
        var root = Path.Combine(Path.GetTempPath(), "userstream-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var postgres = new LocalPostgresServerResource(name, LocalPostgresServer.FindBinDirectory(), root);
        var listenPort = port ?? FreePort.Next();
        string? connectionString = null;

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(postgres, (_, ct) => LocalPostgresCluster.InitializeAsync(postgres, ct));
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(postgres, async (_, ct) =>
            connectionString = await postgres.ConnectionStringExpression.GetValueAsync(ct));
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString ?? throw new InvalidOperationException("not started yet"), name: key);

        return builder.AddResource(postgres)
            .WithArgs("-c", LocalPostgresCluster.Script, "sh", postgres.BinDirectory, postgres.DataDirectory,
                listenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), root)
            // Not proxied: the services talk to PostgreSQL a lot, and a throwaway server needs no stable port.
            .WithEndpoint(port: listenPort, targetPort: listenPort, scheme: "tcp", name: LocalPostgresServerResource.PrimaryEndpointName, isProxied: false)
            .WithHealthCheck(key);
    }
}
