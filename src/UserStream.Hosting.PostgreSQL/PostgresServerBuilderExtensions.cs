using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Hosting;
using UserStream.Hosting.ResourceModes;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>Adds PostgreSQL to the application model, in the form <see cref="ResourceModeSelector"/> picks.</summary>
public static class PostgresServerBuilderExtensions
{
    /// <summary>The AppHost setting naming a folder that keeps PostgreSQL's data across AppHost runs (local and container forms).</summary>
    public const string DataDirectoryKey = "Postgres:DataDirectory";

    /// <summary>
    /// Adds a PostgreSQL server named <paramref name="name"/>: the configured server (external),
    /// Aspire.Hosting.PostgreSQL's <c>AddPostgres</c> container (container) or the installed binaries (local).
    /// With <c>Postgres:DataDirectory</c> set, the local form keeps its cluster there and the container bind-mounts it.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var keep = builder.Configuration[DataDirectoryKey];
        switch (builder.GetResourceMode(name))
        {
            case ResourceMode.External:
                return builder.AddExternalResource(name);
            case ResourceMode.Container:
                var container = builder.AddPostgres(name);
                return string.IsNullOrWhiteSpace(keep) ? container : container.WithDataBindMount(LocalDataDirectory.ExpandHome(keep));
            default:
                var local = builder.AddLocalPostgres(name);
                return string.IsNullOrWhiteSpace(keep) ? local : local.WithDataDirectory(keep);
        }
    }

    /// <summary>
    /// The local form: postgres from <see cref="LocalPostgresServer.FindBinDirectory"/> on a free port of 127.0.0.1,
    /// initdb run before it first starts (<see cref="BeforeResourceStartedEvent"/>), with PostgreSQL's durable defaults.
    /// Its throwaway folder survives a crash of postgres (restart it with <c>WithRestartOnCrash()</c>) and a Stop from
    /// the dashboard, and is removed when the AppHost stops; <see cref="WithDataDirectory"/> keeps the data instead.
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
        // The script removes a throwaway folder on its final stop only: tell it when the AppHost itself is stopping.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => MarkStopping(postgres));
            return Task.CompletedTask;
        });
        var key = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString ?? throw new InvalidOperationException("not started yet"), name: key);

        return builder.AddResource(postgres)
            .WithArgs(context =>
            {
                foreach (var argument in (string[])["-c", LocalPostgresCluster.Script, "sh", postgres.BinDirectory, postgres.DataDirectory,
                    listenPort.ToString(CultureInfo.InvariantCulture), postgres.RootDirectory,
                    Environment.ProcessId.ToString(CultureInfo.InvariantCulture), postgres.KeepsData ? "keep" : "throwaway"])
                    context.Args.Add(argument);
            })
            // Not proxied: the services talk to PostgreSQL a lot, and a local server needs no stable port.
            .WithEndpoint(port: listenPort, targetPort: listenPort, scheme: "tcp", name: LocalPostgresServerResource.PrimaryEndpointName, isProxied: false)
            .WithHealthCheck(key);
    }

    /// <summary>
    /// Keeps the cluster in <paramref name="path"/> (<c>~</c> is the home folder) across AppHost runs: created by initdb
    /// the first time, reused after, never removed. The local form's counterpart of Aspire's <c>WithDataBindMount</c>.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithDataDirectory(this IResourceBuilder<LocalPostgresServerResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var requested = Path.GetFullPath(LocalDataDirectory.ExpandHome(path));
        builder.Resource.RootDirectory = builder.ApplicationBuilder.ExecutionContext.IsRunMode
            ? LocalDataDirectory.Prepare(requested, LocalPostgresCluster.RunsAsPostgresUser)
            : requested;
        builder.Resource.KeepsData = true;
        return builder;
    }

    private static void MarkStopping(LocalPostgresServerResource postgres)
    {
        if (postgres.KeepsData || !Directory.Exists(postgres.RootDirectory))
            return;
        try { File.WriteAllText(Path.Combine(postgres.RootDirectory, LocalPostgresCluster.AppHostStoppingMarker), ""); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
