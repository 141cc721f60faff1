namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Cassandra node in a container; its connection string names the contact point, port and keyspace.</summary>
/// <param name="name">The resource name, also the connection name services read.</param>
public class CassandraServerResource(string name) : ContainerResource(name), ICassandraServerResource
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>The CQL native-protocol endpoint.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary><c>Contact Points=host;Port=port;Default Keyspace=user_stream</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Contact Points={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Default Keyspace=user_stream");
}
