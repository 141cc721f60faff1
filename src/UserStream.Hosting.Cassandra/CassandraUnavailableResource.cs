using Aspire.Hosting.ApplicationModel;

namespace UserStream.Hosting.Cassandra;

/// <summary>
/// Cassandra where it cannot be provided (no container runtime, no configured cluster): shown in the
/// dashboard as not started with the reason. It has no lifetime, so nothing waits for it, and its
/// dependants are given no connection string, so they store users in PostgreSQL.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="reason">Why it is not started, as the dashboard shows it.</param>
public sealed class CassandraUnavailableResource(string name, string reason) : Resource(name), IResourceWithConnectionString, IResourceWithoutLifetime
{
    /// <summary>Why the resource is not started.</summary>
    public string Reason { get; } = reason;

    /// <summary>Empty: dependants drop it (see <see cref="CassandraBuilderExtensions"/>).</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"");
}
