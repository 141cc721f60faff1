namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Kafka broker in a container (apache/kafka in KRaft mode); its connection string is the bootstrap address host:port.</summary>
/// <param name="name">The resource name, also the connection name services read.</param>
public class KafkaServerResource(string name) : ContainerResource(name), IKafkaServerResource
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string InternalEndpointName = "internal";

    private EndpointReference? _primaryEndpoint;
    private EndpointReference? _internalEndpoint;

    /// <summary>The listener host processes connect to.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>The listener other containers connect to.</summary>
    public EndpointReference InternalEndpoint => _internalEndpoint ??= new(this, InternalEndpointName);

    /// <summary>host:port of the primary listener.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
