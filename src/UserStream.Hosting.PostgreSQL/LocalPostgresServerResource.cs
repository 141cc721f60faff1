using Aspire.Hosting.ApplicationModel;
using UserStream.Hosting;

namespace UserStream.Hosting.PostgreSQL;

/// <summary>
/// PostgreSQL from the installed binaries, run by DCP as an executable resource on 127.0.0.1 with trust
/// authentication and a throwaway data directory (created before it starts, removed when it stops).
/// </summary>
/// <param name="name">The resource name, also the connection name services read.</param>
/// <param name="binDirectory">The folder with initdb and postgres.</param>
/// <param name="rootDirectory">The throwaway folder holding the data directory and the socket.</param>
public class LocalPostgresServerResource(string name, string binDirectory, string rootDirectory)
    : ExecutableResource(name, "/bin/sh", rootDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>The folder with initdb and postgres.</summary>
    public string BinDirectory { get; } = binDirectory;

    /// <summary>The throwaway folder holding the data directory and the socket.</summary>
    public string RootDirectory { get; } = rootDirectory;

    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The TCP endpoint.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>An Npgsql connection string as the superuser (trust authentication: nothing secret in it).</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={LocalPostgresServer.SuperUser};Database=postgres");
}
