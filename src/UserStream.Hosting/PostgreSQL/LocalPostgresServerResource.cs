using UserStream.Hosting.PostgreSQL;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// PostgreSQL from the installed binaries, run by DCP as an executable resource on 127.0.0.1 with trust
/// authentication. Its data lives in <see cref="RootDirectory"/>: a throwaway folder removed when the AppHost stops,
/// or the user's folder (<c>WithDataDirectory</c>), kept across runs. Either survives a crash of postgres itself.
/// </summary>
/// <param name="name">The resource name, also the connection name services read.</param>
/// <param name="binDirectory">The folder with initdb and postgres.</param>
/// <param name="rootDirectory">The folder holding the data directory and the socket.</param>
public class LocalPostgresServerResource(string name, string binDirectory, string rootDirectory)
    // The working directory is fixed at construction, the root is not (WithDataDirectory): the script uses absolute paths.
    : ExecutableResource(name, "/bin/sh", Path.GetTempPath()), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>The folder with initdb and postgres.</summary>
    public string BinDirectory { get; } = binDirectory;

    /// <summary>The folder holding the data directory and the socket.</summary>
    public string RootDirectory { get; internal set; } = rootDirectory;

    /// <summary>True when <see cref="RootDirectory"/> is the user's and outlives the AppHost; false for a throwaway one.</summary>
    public bool KeepsData { get; internal set; }

    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>An Npgsql connection string as the superuser (trust authentication: nothing secret in it).</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={LocalPostgresCluster.SuperUser};Database=postgres");
}
