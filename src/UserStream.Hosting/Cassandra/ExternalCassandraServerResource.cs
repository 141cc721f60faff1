using UserStream.Hosting.Forms;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>An existing Cassandra cluster; its connection string is <c>ConnectionStrings:&lt;name&gt;</c>.</summary>
/// <param name="name">The resource name, also the connection name services read.</param>
/// <param name="connectionString">The secret parameter holding the connection string.</param>
public sealed class ExternalCassandraServerResource(string name, ParameterResource connectionString)
    : ExternalServerResource(name, connectionString), ICassandraServerResource;
