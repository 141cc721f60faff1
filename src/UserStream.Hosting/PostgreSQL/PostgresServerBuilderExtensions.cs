using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserStream.Hosting.Forms;
using UserStream.Hosting.PostgreSQL;

namespace Aspire.Hosting;

/// <summary>Adds PostgreSQL to the application model, in the form <see cref="ResourceModeSelector"/> picks (docs/apphost.md).</summary>
public static class PostgresServerBuilderExtensions
{
    /// <summary>The AppHost setting naming a folder that keeps PostgreSQL's data across AppHost runs (local and container forms).</summary>
    public const string DataDirectoryKey = "Postgres:DataDirectory";

    /// <summary>
    /// Adds a PostgreSQL server named <paramref name="name"/>: the configured server (external),
    /// Aspire.Hosting.PostgreSQL's <c>AddPostgres</c> container (container) or the installed binaries (local).
    /// With <c>Postgres:DataDirectory</c> set, the local form keeps its cluster there and the container bind-mounts it.
    /// </summary>
    /// <returns>
    /// The server in its form: <see cref="ExternalPostgresServerResource"/>, Aspire's <see cref="PostgresServerResource"/>
    /// or <see cref="LocalPostgresServerResource"/>. Their common type is Aspire's <see cref="IResourceWithConnectionString"/>:
    /// the container form is Aspire.Hosting.PostgreSQL's own resource, which no interface of ours can extend.
    /// </returns>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var keep = builder.Configuration[DataDirectoryKey];
        var choice = builder.GetResourceMode(name);
        switch (choice.Mode)
        {
            case ResourceMode.External:
                return builder.AddExternalPostgres(name).WithResourceMode(choice);
            case ResourceMode.Container:
                var container = builder.AddPostgres(name).WithResourceMode(choice);
                return string.IsNullOrWhiteSpace(keep) ? container : container.WithDataBindMount(LocalDataDirectory.ExpandHome(keep));
            default:
                var local = builder.AddLocalPostgres(name).WithResourceMode(choice);
                return string.IsNullOrWhiteSpace(keep) ? local : local.WithDataDirectory(keep);
        }
    }

    /// <summary>The external form: an existing server whose Npgsql connection string is <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<ExternalPostgresServerResource> AddExternalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddExternalServer(new ExternalPostgresServerResource(name, builder.AddConnectionStringParameter(name)));
    }

    /// <summary>
    /// The local form: postgres from <see cref="LocalPostgresCluster.FindBinDirectory"/> on a free port of 127.0.0.1,
    /// initdb run before it first starts (<see cref="BeforeResourceStartedEvent"/>), with PostgreSQL's durable defaults.
    /// Its throwaway folder survives a crash of postgres (restart it with <c>WithRestartOnCrash()</c>) and a Stop from
    /// the dashboard, and is removed when the AppHost stops; <see cref="WithDataDirectory"/> keeps the data instead.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Folders of earlier runs whose AppHost was killed before postgres could remove them.
        LocalPostgresCluster.RemoveStaleDirectories();
        var root = Path.Combine(Path.GetTempPath(), LocalPostgresCluster.DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        var postgres = new LocalPostgresServerResource(name, LocalPostgresCluster.FindBinDirectory(), root);
        var listenPort = port ?? FreeLoopbackPort();
        string? connectionString = null;

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(postgres, (_, ct) =>
            LocalPostgresCluster.InitializeAsync(postgres.BinDirectory, postgres.RootDirectory, postgres.DataDirectory, durable: true, ct));
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
                    postgres.RootDirectory, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), postgres.KeepsData ? "keep" : "throwaway",
                    .. LocalPostgresCluster.ServerArguments(listenPort, postgres.RootDirectory, durable: true)])
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

    // A port nothing listens on now; DCP does not pick one for an endpoint that is not proxied.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
