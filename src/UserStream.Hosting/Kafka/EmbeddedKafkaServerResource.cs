namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The embedded Kafka-protocol broker (librdkafka's mock cluster) as its own process: in memory only,
/// about 5 MiB kept per partition, no transactions. Its connection string is the stable bootstrap address.
/// </summary>
/// <param name="name">The resource name, also the connection name services read.</param>
/// <param name="workingDirectory">The broker's build output folder.</param>
public class EmbeddedKafkaServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IKafkaServerResource
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>The bootstrap listener.</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>host:port of the bootstrap listener.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
